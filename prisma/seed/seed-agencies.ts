import type { Agency, PrismaClient } from "../../generated/prisma/client.ts";
import { agencies, type AgencySeed } from "./agencies.ts";

type SeededFields = Pick<Agency, keyof AgencySeed>;

/**
 * Makes the agencies table hold every seed agency, matched by slug, in one
 * transaction. Rows already equal to their seed are not written, so a second
 * run changes nothing, not even `updatedAt`. Agencies that are not in the
 * seed are left alone. Returns how many seed agencies there are.
 */
export async function seedAgencies(prisma: PrismaClient): Promise<number> {
  await prisma.$transaction(async (transaction) => {
    const existingRows: SeededFields[] = await transaction.agency.findMany({
      where: { slug: { in: agencies.map((agency) => agency.slug) } },
      select: {
        slug: true,
        name: true,
        shortName: true,
        kind: true,
        jurisdiction: true,
        description: true,
      },
    });
    const existingBySlug = new Map(existingRows.map((row) => [row.slug, row]));

    const missing = agencies.filter((agency) => !existingBySlug.has(agency.slug));
    if (missing.length > 0) {
      await transaction.agency.createMany({ data: missing.map(toRow), skipDuplicates: true });
    }

    for (const agency of agencies) {
      const existing = existingBySlug.get(agency.slug);
      if (existing && !matchesSeed(existing, agency)) {
        await transaction.agency.update({ where: { slug: agency.slug }, data: toRow(agency) });
      }
    }
  });
  return agencies.length;
}

function toRow(agency: AgencySeed): SeededFields {
  return {
    slug: agency.slug,
    name: agency.name,
    shortName: agency.shortName,
    kind: agency.kind,
    jurisdiction: agency.jurisdiction,
    description: agency.description,
  };
}

function matchesSeed(row: SeededFields, agency: AgencySeed): boolean {
  return (
    row.name === agency.name &&
    row.shortName === agency.shortName &&
    row.kind === agency.kind &&
    row.jurisdiction === agency.jurisdiction &&
    row.description === agency.description
  );
}
