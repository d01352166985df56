import type { EmergencyContact, ThreatAssessment, ThreatScope } from "../../generated/prisma/client.ts";
import { readRows, type PrismaClient } from "../../platform/database/prisma.ts";
import { readingOrder, type PageRequest } from "../../platform/graphql/pagination.ts";

/** A cursor into a scope's history: the version of the assessment it points at. */
export type VersionKey = [version: number];

export function versionKey(assessment: ThreatAssessment): VersionKey {
  return [assessment.version];
}

export function isVersionKey(value: unknown): value is VersionKey {
  return Array.isArray(value) && value.length === 1 && Number.isSafeInteger(value[0]) && value[0] > 0;
}

/** Every column of threat.assessment, named as the ThreatAssessment model's fields. */
const ASSESSMENT_COLUMNS = `id, scope, level, version, since, reason, recorded_at AS "recordedAt",
  source_document AS "sourceDocument", source_section AS "sourceSection", source_quote AS "sourceQuote", sourced`;

/** The current assessment (the highest version) of each scope, in the order of `scopes`; one statement. */
export async function findCurrentAssessments(
  prisma: PrismaClient,
  scopes: readonly ThreatScope[],
): Promise<(ThreatAssessment | null)[]> {
  const rows = await readRows<ThreatAssessment>(
    prisma,
    `SELECT DISTINCT ON (scope) ${ASSESSMENT_COLUMNS} FROM threat.assessment
      WHERE scope = ANY ($1::threat."ThreatScope"[]) ORDER BY scope, version DESC`,
    [scopes],
  );
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
