import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { SubgraphSeed } from "../../platform/subgraph.ts";
import { agencies } from "./seed-data.ts";

/**
 * Adds every seed agency the table lacks, matched by slug. Rows that exist
 * are left as they are, so seeding never undoes an editor's change and a
 * second run writes nothing. Returns how many seed agencies there are.
 */
async function seedAgencies(prisma: PrismaClient): Promise<number> {
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

export const seed: SubgraphSeed = {
  run: seedAgencies,
  hasData: async (prisma) => (await prisma.agency.findFirst({ select: { id: true } })) !== null,
};
