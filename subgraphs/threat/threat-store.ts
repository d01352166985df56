import type { EmergencyContact, ThreatAssessment, ThreatScope } from "../../generated/prisma/client.ts";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import { readingOrder, type PageRequest } from "../../platform/graphql/pagination.ts";

/** Highest version first: the order of a scope's history, the current one first. */
const LATEST_FIRST = [{ version: "desc" }] as const;

/** A cursor into a scope's history: the version of the assessment it points at. */
export type VersionKey = [version: number];

export function versionKey(assessment: ThreatAssessment): VersionKey {
  return [assessment.version];
}

export function isVersionKey(value: unknown): value is VersionKey {
  return Array.isArray(value) && value.length === 1 && Number.isSafeInteger(value[0]) && value[0] > 0;
}

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

export function findAssessment(prisma: PrismaClient, id: string): Promise<ThreatAssessment | null> {
  return prisma.threatAssessment.findUnique({ where: { id } });
}

/** A page of a scope's assessments, latest first. */
export function listAssessments(
  prisma: PrismaClient,
  scope: ThreatScope,
  page: PageRequest<VersionKey>,
): Promise<ThreatAssessment[]> {
  const { order, beyond } = readingOrder("desc", page.backward);
  return prisma.threatAssessment.findMany({
    where: page.key ? { scope, version: { [beyond]: page.key[0] } } : { scope },
    orderBy: [{ version: order }],
    take: page.take,
  });
}

export function countAssessments(prisma: PrismaClient, scope: ThreatScope): Promise<number> {
  return prisma.threatAssessment.count({ where: { scope } });
}

export function listEmergencyContacts(prisma: PrismaClient): Promise<EmergencyContact[]> {
  return prisma.emergencyContact.findMany({ orderBy: [{ position: "asc" }, { id: "asc" }] });
}
