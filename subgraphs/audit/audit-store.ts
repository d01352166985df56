import type { AuditEntry, Prisma } from "../../generated/prisma/client.ts";
import type { PrismaClient } from "../../platform/database/prisma.ts";

export interface AuditFilter {
  entityType?: string | null;
  entityId?: string | null;
  actor?: string | null;
  since?: Date | null;
  until?: Date | null;
}

/** Entries are listed newest first: by time, then id to break ties. */
export type AuditSortKey = [at: string, id: string];

export function sortKeyOf(entry: AuditEntry): AuditSortKey {
  return [entry.at.toISOString(), entry.id];
}

export function isAuditSortKey(value: unknown): value is AuditSortKey {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === "string" &&
    !Number.isNaN(Date.parse(value[0])) &&
    typeof value[1] === "string" &&
    /^[0-9a-f-]{36}$/i.test(value[1])
  );
}

export function listAuditEntries(
  prisma: PrismaClient,
  filter: AuditFilter,
  limit: number,
  after?: AuditSortKey,
): Promise<AuditEntry[]> {
  if (limit === 0) return Promise.resolve([]);
  const afterKey: Prisma.AuditEntryWhereInput | undefined = after && {
    OR: [{ at: { lt: new Date(after[0]) } }, { at: new Date(after[0]), id: { lt: after[1] } }],
  };
  return prisma.auditEntry.findMany({
    where: afterKey ? { AND: [whereMatching(filter), afterKey] } : whereMatching(filter),
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: limit,
  });
}

export function countAuditEntries(prisma: PrismaClient, filter: AuditFilter): Promise<number> {
  return prisma.auditEntry.count({ where: whereMatching(filter) });
}

function whereMatching({ entityType, entityId, actor, since, until }: AuditFilter): Prisma.AuditEntryWhereInput {
  return {
    ...(entityType && { entityType }),
    ...(entityId && { entityId }),
    ...(actor && { actor }),
    ...((since || until) && { at: { ...(since && { gte: since }), ...(until && { lt: until }) } }),
  };
}
