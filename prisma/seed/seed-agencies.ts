import type { PrismaClient } from "../../generated/prisma/client.ts";
import { agencies } from "./agencies.ts";

/**
 * Adds every seed agency the table lacks, matched by slug. Rows that exist
 * are left as they are, so seeding never undoes an editor's change and a
 * second run writes nothing. Returns how many seed agencies there are.
 */
export async function seedAgencies(prisma: PrismaClient): Promise<number> {
  await prisma.agency.createMany({
    data: agencies.map(({ slug, name, shortName, kind, jurisdiction, description }) => ({
      slug,
      name,
      shortName,
      kind,
      jurisdiction,
      description,
    })),
    skipDuplicates: true,
  });
  return agencies.length;
}
