import type { EmergencyContact, ThreatAssessment, ThreatScope } from "../../generated/prisma/client.ts";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import type { InstantIdKey } from "../../platform/graphql/pagination.ts";

/** Latest recorded first: the order of a scope's history. */
const LATEST_FIRST = [{ recordedAt: "desc" }, { id: "desc" }] as const;

/**
 * The current assessment of each scope, in the order of `scopes`; one
 * statement. Prisma applies `distinct` to the rows it reads, so this reads
 * the scopes' whole history: a few rows, as a level changes rarely.
 */
export async function findCurrentAssessments(
  prisma: PrismaClient,
  scopes: readonly ThreatScope[],
): Promise<(ThreatAssessment | null)[]> {
  const rows = await prisma.threatAssessment.findMany({
    where: { scope: { in: [...scopes] } },
    orderBy: [{ scope: "asc" }, ...LATEST_FIRST],
    distinct: ["scope"],
  });
  const byScope = new Map(rows.map((row) => [row.scope, row]));
  return scopes.map((scope) => byScope.get(scope) ?? null);
}

/** Up to `limit` of a scope's assessments, latest first, after `after` when given. */
export function listAssessments(
  prisma: PrismaClient,
  scope: ThreatScope,
  limit: number,
  after?: InstantIdKey,
): Promise<ThreatAssessment[]> {
  if (limit === 0) return Promise.resolve([]);
  return prisma.threatAssessment.findMany({
    where: after
      ? {
          scope,
          OR: [
            { recordedAt: { lt: after[0] } },
            { recordedAt: after[0], id: { lt: after[1] } },
          ],
        }
      : { scope },
    orderBy: [...LATEST_FIRST],
    take: limit,
  });
}

export function countAssessments(prisma: PrismaClient, scope: ThreatScope): Promise<number> {
  return prisma.threatAssessment.count({ where: { scope } });
}

export function listEmergencyContacts(prisma: PrismaClient): Promise<EmergencyContact[]> {
  return prisma.emergencyContact.findMany({ orderBy: [{ position: "asc" }, { id: "asc" }] });
}
