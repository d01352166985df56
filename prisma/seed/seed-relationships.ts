import type { PrismaClient, Relationship } from "../../generated/prisma/client.ts";
import { relationships, type RelationshipSeed } from "./relationships.ts";

type SeededFields = Pick<
  Relationship,
  "fromAgencyId" | "toAgencyId" | "kind" | "closeness" | "mutual" | "status" | "since" | "description"
>;

/**
 * Makes the relationships table hold every seed relationship, matched by
 * its two agencies and kind, in one transaction; runs after the agencies
 * are seeded. Rows already equal to their seed are not written, so a second
 * run changes nothing; a row it does rewrite (one an editor changed) gets a
 * new version. Relationships that are not in the seed are left alone.
 * Returns how many seed relationships there are.
 */
export async function seedRelationships(prisma: PrismaClient): Promise<number> {
  await prisma.$transaction(async (transaction) => {
    const slugs = [...new Set(relationships.flatMap(({ from, to }) => [from, to]))];
    const agencies = await transaction.agency.findMany({
      where: { slug: { in: slugs } },
      select: { id: true, slug: true },
    });
    const idOf = new Map(agencies.map(({ slug, id }) => [slug, id]));
    const rows = relationships.map((seed) => toRow(seed, idOf));

    const existingRows: SeededFields[] = await transaction.relationship.findMany({
      where: { fromAgencyId: { in: [...idOf.values()] } },
      select: {
        fromAgencyId: true,
        toAgencyId: true,
        kind: true,
        closeness: true,
        mutual: true,
        status: true,
        since: true,
        description: true,
      },
    });
    const existing = new Map(existingRows.map((row) => [keyOf(row), row]));

    // In seed order, so that id order (recorded order) follows the page.
    const missing = rows.filter((row) => !existing.has(keyOf(row)));
    if (missing.length > 0) {
      await transaction.relationship.createMany({ data: missing, skipDuplicates: true });
    }
    for (const row of rows) {
      const current = existing.get(keyOf(row));
      if (current && !matches(current, row)) {
        const { fromAgencyId, toAgencyId, kind } = row;
        await transaction.relationship.update({
          where: { fromAgencyId_toAgencyId_kind: { fromAgencyId, toAgencyId, kind } },
          // A new version, so an editor holding the one it replaces gets
          // CONFLICT rather than overwriting the seed; and no suspension
          // reason left behind on a link the seed makes active.
          data: {
            ...row,
            version: { increment: 1 },
            ...(row.status === "ACTIVE" && { suspensionReason: null }),
          },
        });
      }
    }
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
    mutual: seed.mutual,
    status: seed.status,
    since: seed.since,
    description: seed.description,
  };
}

function keyOf({ fromAgencyId, toAgencyId, kind }: SeededFields): string {
  return `${fromAgencyId} ${toAgencyId} ${kind}`;
}

function matches(row: SeededFields, seed: SeededFields): boolean {
  return (Object.keys(seed) as (keyof SeededFields)[]).every((field) => row[field] === seed[field]);
}
