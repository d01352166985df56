import type { PrismaClient } from "../../generated/prisma/client.ts";
import { sourcedFrom } from "../../platform/provenance.ts";
import type { SubgraphSeed } from "../../platform/subgraph.ts";
import { agencies } from "./seed-data.ts";

/**
 * Adds every seed agency the table lacks, matched by slug, and every alias
 * of a seed agency that is missing, in one transaction. Rows that exist are
 * left as they are, so seeding never undoes an editor's change and a second
 * run writes nothing. Returns how many seed agencies there are.
 */
async function seedAgencies(prisma: PrismaClient): Promise<number> {
  await prisma.$transaction(async (transaction) => {
    await transaction.agency.createMany({
      data: agencies.map(({ slug, name, shortName, kind, jurisdiction, description, source }) => ({
        slug,
        name,
        shortName,
        kind,
        jurisdiction,
        description,
        ...sourcedFrom(source),
      })),
      skipDuplicates: true,
    });
    const ids = await transaction.agency.findMany({
      where: { slug: { in: agencies.map((agency) => agency.slug) } },
      select: { slug: true, id: true },
    });
    const idOf = new Map(ids.map(({ slug, id }) => [slug, id]));
    // Names the page does not use: no source, and marked as not sourced.
    await transaction.agencyAlias.createMany({
      data: agencies.flatMap((agency) =>
        (agency.aliases ?? []).map((name) => ({ agencyId: idOf.get(agency.slug)!, name, sourced: false })),
      ),
      skipDuplicates: true,
    });
  });
  return agencies.length;
}

export const seed: SubgraphSeed = {
  run: seedAgencies,
  hasData: async (prisma) => (await prisma.agency.findFirst({ select: { id: true } })) !== null,
};
