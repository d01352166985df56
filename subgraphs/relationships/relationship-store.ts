import type {
  Closeness,
  Prisma,
  RelationshipKind,
  RelationshipStatus,
} from "../../generated/prisma/client.ts";
import { inOrderOf } from "../../platform/database/ids.ts";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import { readingOrder, type PageRequest } from "../../platform/graphql/pagination.ts";

/**
 * The columns a relationship is answered from. Relationships are listed by
 * id: ids are UUIDv7, so id order is the order they were recorded in.
 */
export const relationshipColumns = {
  id: true,
  fromAgencyId: true,
  toAgencyId: true,
  kind: true,
  closeness: true,
  qualifiers: true,
  mutual: true,
  status: true,
  since: true,
  description: true,
  suspensionReason: true,
  version: true,
  sourceDocument: true,
  sourceSection: true,
  sourceQuote: true,
  sourced: true,
} satisfies Prisma.RelationshipSelect;

export type RelationshipRow = Prisma.RelationshipGetPayload<{ select: typeof relationshipColumns }>;

/** Relationships in the order of `ids` (taken with `entityId`), null where none has that id; one statement. */
export async function findRelationshipsByIds(
  prisma: PrismaClient,
  ids: readonly string[],
): Promise<(RelationshipRow | null)[]> {
  const rows = await prisma.relationship.findMany({ where: { id: { in: [...ids] } }, select: relationshipColumns });
  return inOrderOf(ids, rows);
}

export type Direction = "OUTGOING" | "INCOMING" | "BOTH";

export interface AgencyLinksFilter {
  kind?: RelationshipKind | null;
  status?: RelationshipStatus | null;
  direction: Direction;
}

/**
 * Each agency's relationships that match `filter`, in the order of
 * `agencyIds`, each list in recorded order; one statement for them all.
 */
export async function findRelationshipsOfAgencies(
  prisma: PrismaClient,
  agencyIds: readonly string[],
  { kind, status, direction }: AgencyLinksFilter,
): Promise<RelationshipRow[][]> {
  const ids = [...agencyIds];
  const outgoing = direction !== "INCOMING";
  const incoming = direction !== "OUTGOING";
  const ends: Prisma.RelationshipWhereInput[] = [
    ...(outgoing ? [{ fromAgencyId: { in: ids } }] : []),
    ...(incoming ? [{ toAgencyId: { in: ids } }] : []),
  ];
  const rows = ids.length
    ? await prisma.relationship.findMany({
        where: { ...(kind && { kind }), ...(status && { status }), OR: ends },
        select: relationshipColumns,
        orderBy: { id: "asc" },
      })
    : [];
  const byAgency = new Map<string, RelationshipRow[]>(ids.map((id) => [id, []]));
  for (const row of rows) {
    if (outgoing) byAgency.get(row.fromAgencyId)?.push(row);
    if (incoming) byAgency.get(row.toAgencyId)?.push(row);
  }
  return agencyIds.map((id) => byAgency.get(id) ?? []);
}

/** The agencies at the other end of `agencyId`'s relationships, each once, in order. */
export function partnerIds(agencyId: string, relationships: readonly RelationshipRow[]): string[] {
  const partners = relationships.map((row) =>
    row.fromAgencyId === agencyId ? row.toAgencyId : row.fromAgencyId,
  );
  return [...new Set(partners)];
}

export interface RelationshipFilter {
  kind?: RelationshipKind | null;
  status?: RelationshipStatus | null;
  closeness?: Closeness | null;
  /** Agency ids, already checked to be well formed. */
  from?: string | null;
  to?: string | null;
  agency?: string | null;
}

/** A cursor into the relationships: the id of the one it points at. */
export type RelationshipKey = [id: string];

/** A page of the relationships matching `filter`, in recorded order. */
export function listRelationships(
  prisma: PrismaClient,
  filter: RelationshipFilter,
  page: PageRequest<RelationshipKey>,
): Promise<RelationshipRow[]> {
  const { order, beyond } = readingOrder("asc", page.backward);
  return prisma.relationship.findMany({
    where: { ...whereMatching(filter), ...(page.key && { id: { [beyond]: page.key[0] } }) },
    select: relationshipColumns,
    orderBy: { id: order },
    take: page.take,
  });
}

export function countRelationships(prisma: PrismaClient, filter: RelationshipFilter): Promise<number> {
  return prisma.relationship.count({ where: whereMatching(filter) });
}

function whereMatching({ kind, status, closeness, from, to, agency }: RelationshipFilter): Prisma.RelationshipWhereInput {
  return {
    ...(kind && { kind }),
    ...(status && { status }),
    ...(closeness && { closeness }),
    ...(from && { fromAgencyId: from }),
    ...(to && { toAgencyId: to }),
    ...(agency && { OR: [{ fromAgencyId: agency }, { toAgencyId: agency }] }),
  };
}
