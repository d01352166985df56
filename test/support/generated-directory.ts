import type { PrismaClient } from "../../platform/database/prisma.ts";

/**
 * A seed of `size` generated agencies round a ring, each linked to the next
 * `linksPerAgency`: every agency has 2 × `linksPerAgency` partners. Made by
 * Postgres in two statements, since a ring of tens of thousands of links
 * sent row by row takes seconds on embedded Postgres.
 */
export function ringDirectory(size: number, linksPerAgency: number) {
  return async (prisma: PrismaClient) => {
    await prisma.$executeRaw`
      INSERT INTO agencies.agency (id, slug, name, kind, jurisdiction, description, updated_at)
      SELECT gen_random_uuid(), 'agency-' || i, 'Agency ' || lpad(i::text, 4, '0'), 'OTHER', 'UNITED_KINGDOM', 'A generated agency.', now()
      FROM generate_series(0, ${size - 1}::int) AS i`;
    await prisma.$executeRaw`
      INSERT INTO relationships.relationship (id, from_agency_id, to_agency_id, kind, description, updated_at)
      SELECT gen_random_uuid(), origin.id, target.id, 'WORKS_WITH', 'A generated link.', now()
      FROM generate_series(0, ${size - 1}::int) AS i
      CROSS JOIN generate_series(1, ${linksPerAgency}::int) AS step
      JOIN agencies.agency AS origin ON origin.slug = 'agency-' || i
      JOIN agencies.agency AS target ON target.slug = 'agency-' || ((i + step) % ${size}::int)`;
  };
}
