import type { AuditEntry, Prisma } from "../../generated/prisma/client.ts";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import type { InstantIdKey } from "../../platform/graphql/pagination.ts";

export interface AuditFilter {
  entityType?: string | null;
  entityId?: string | null;
  actor?: string | null;
  since?: Date | null;
  until?: Date | null;
}

export function listAuditEntries(
  prisma: PrismaClient,
  filter: AuditFilter,
  limit: number,
  after?: InstantIdKey,
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
