import type { AuditEntry, Prisma } from "../../generated/prisma/client.ts";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import { readingOrder, type InstantIdKey, type PageRequest } from "../../platform/graphql/pagination.ts";

export interface AuditFilter {
  entityType?: string | null;
  entityId?: string | null;
  actor?: string | null;
  since?: Date | null;
  until?: Date | null;
}

/** A page of the audit entries matching `filter`, newest first. */
export function listAuditEntries(
  prisma: PrismaClient,
  filter: AuditFilter,
  page: PageRequest<InstantIdKey>,
): Promise<AuditEntry[]> {
  const { order, beyond } = readingOrder("desc", page.backward);
  const { key } = page;
  const beyondKey: Prisma.AuditEntryWhereInput | undefined = key && {
    OR: [{ at: { [beyond]: new Date(key[0]) } }, { at: new Date(key[0]), id: { [beyond]: key[1] } }],
  };
  return prisma.auditEntry.findMany({
    where: beyondKey ? { AND: [whereMatching(filter), beyondKey] } : whereMatching(filter),
    orderBy: [{ at: order }, { id: order }],
    take: page.take,
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
