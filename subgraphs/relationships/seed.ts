import type { PrismaClient, Relationship } from "../../generated/prisma/client.ts";
import { sourcedFrom, type SourcedColumns } from "../../platform/provenance.ts";
import type { SubgraphSeed } from "../../platform/subgraph.ts";
import { relationships, type RelationshipSeed } from "./seed-data.ts";

type SeededFields = Pick<
  Relationship,
  | "fromAgencyId"
  | "toAgencyId"
  | "kind"
  | "closeness"
  | "qualifiers"
  | "mutual"
  | "status"
  | "suspensionReason"
  | "since"
  | "description"
> &
  SourcedColumns;

/**
 * Adds every seed relationship the table lacks, matched by its two agencies
 * and kind; runs after the agencies are seeded. Rows that exist are left as
 * they are, so seeding never undoes an editor's change and a second run
 * writes nothing. Returns how many seed relationships there are.
 */
async function seedRelationships(prisma: PrismaClient): Promise<number> {
  const slugs = [...new Set(relationships.flatMap(({ from, to }) => [from, to]))];
  const agencies = await prisma.agency.findMany({
    where: { slug: { in: slugs } },
    select: { id: true, slug: true },
  });
  const idOf = new Map(agencies.map(({ slug, id }) => [slug, id]));
  // In seed order, so that id order (recorded order) follows the page.
  await prisma.relationship.createMany({
    data: relationships.map((seed) => toRow(seed, idOf)),
    skipDuplicates: true,
  });
  return relationships.length;
}

function toRow(seed: RelationshipSeed, idOf: ReadonlyMap<string, string>): SeededFields {
  const agencyId = (slug: string) => {
    const id = idOf.get(slug);
    if (!id) throw new Error(`Seed relationship refers to agency "${slug}", which is not seeded.`);
    return id;
  };
  return {
    fromAgencyId: agencyId(seed.from),
    toAgencyId: agencyId(seed.to),
    kind: seed.kind,
    closeness: seed.closeness,
    qualifiers: [...seed.qualifiers],
    mutual: seed.mutual,
    status: seed.status,
    suspensionReason: seed.suspensionReason,
    since: seed.since,
    description: seed.description,
    ...sourcedFrom(seed.source),
  };
}

export const seed: SubgraphSeed = {
  run: seedRelationships,
  hasData: async (prisma) => (await prisma.relationship.findFirst({ select: { id: true } })) !== null,
};
