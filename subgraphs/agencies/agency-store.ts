import type { Agency, AgencyAlias, AgencyKind, Jurisdiction } from "../../generated/prisma/client.ts";
import { inOrderOf, isUuid } from "../../platform/database/ids.ts";
import { readRows, type PrismaClient } from "../../platform/database/prisma.ts";
import { readingOrder, type PageRequest } from "../../platform/graphql/pagination.ts";

/** Every column of agencies.agency, named as the Agency model's fields. */
const AGENCY_COLUMNS = `id, slug, name, short_name AS "shortName", kind, jurisdiction, description, version,
  archived_at AS "archivedAt", created_at AS "createdAt", updated_at AS "updatedAt",
  source_document AS "sourceDocument", source_section AS "sourceSection", source_quote AS "sourceQuote", sourced`;

/** Agencies in the order of `ids` (taken with `entityId`), null where none has that id; one statement. */
export async function findAgenciesByIds(
  prisma: PrismaClient,
  ids: readonly string[],
): Promise<(Agency | null)[]> {
  const rows = await readRows<Agency>(prisma, `SELECT ${AGENCY_COLUMNS} FROM agencies.agency WHERE id = ANY ($1::uuid[])`, [ids]);
  return inOrderOf(ids, rows);
}

/** Up to `limit` agencies with ids after `after` (from the first without it), in id order. */
export function findAgencyPage(prisma: PrismaClient, after: string | undefined, limit: number): Promise<Agency[]> {
  return readRows<Agency>(
    prisma,
    `SELECT ${AGENCY_COLUMNS} FROM agencies.agency WHERE $1::uuid IS NULL OR id > $1::uuid ORDER BY id LIMIT $2`,
    [after ?? null, limit],
  );
}

/** Each agency's aliases by name, in the order of `agencyIds` (taken with `entityId`); one statement. */
export async function findAliasesOfAgencies(
  prisma: PrismaClient,
  agencyIds: readonly string[],
): Promise<AgencyAlias[][]> {
  const rows = await prisma.agencyAlias.findMany({
    where: { agencyId: { in: [...agencyIds] } },
    orderBy: [{ agencyId: "asc" }, { name: "asc" }],
  });
  const byAgency = Map.groupBy(rows, (row) => row.agencyId);
  return agencyIds.map((id) => byAgency.get(id) ?? []);
}

export async function findAgencyBySlug(prisma: PrismaClient, slug: string): Promise<Agency | null> {
  const [row] = await readRows<Agency>(prisma, `SELECT ${AGENCY_COLUMNS} FROM agencies.agency WHERE slug = $1`, [slug]);
  return row ?? null;
}

export interface AgencyFilter {
  kind?: AgencyKind | null;
  jurisdiction?: Jurisdiction | null;
  search?: string | null;
  includeArchived?: boolean | null;
}

/** The key agencies are listed by: name, then id to break ties. */
export type AgencySortKey = [name: string, id: string];

export function sortKeyOf(agency: Agency): AgencySortKey {
  return [agency.name, agency.id];
}

export function isAgencySortKey(value: unknown): value is AgencySortKey {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === "string" &&
    typeof value[1] === "string" &&
    isUuid(value[1])
  );
}

/** A page of the agencies matching `filter`, ordered by name; one statement. */
export function listAgencies(
  prisma: PrismaClient,
  filter: AgencyFilter,
  page: PageRequest<AgencySortKey>,
): Promise<Agency[]> {
  const { order, beyond } = readingOrder("asc", page.backward);
  const values: unknown[] = [];
  const conditions = matching(filter, values);
  if (page.key) {
    values.push(page.key[0], page.key[1]);
    conditions.push(`(name, id) ${beyond === "gt" ? ">" : "<"} ($${values.length - 1}, $${values.length}::uuid)`);
  }
  values.push(page.take);
  return readRows<Agency>(
    prisma,
    `SELECT ${AGENCY_COLUMNS} FROM agencies.agency AS agency${where(conditions)}
      ORDER BY name ${order}, id ${order} LIMIT $${values.length}`,
    values,
  );
}

export async function countAgencies(prisma: PrismaClient, filter: AgencyFilter): Promise<number> {
  const values: unknown[] = [];
  const [row] = await readRows<{ count: number }>(
    prisma,
    `SELECT count(*)::int AS count FROM agencies.agency AS agency${where(matching(filter, values))}`,
    values,
  );
  return row?.count ?? 0;
}

/**
 * The conditions an agency must meet to match `filter`, their values pushed
 * onto `values`. A search matches part of the name, the short name or an
 * alias, ignoring case, with `%`, `_` and `\` in it matching themselves.
 */
function matching({ kind, jurisdiction, search, includeArchived }: AgencyFilter, values: unknown[]): string[] {
  const conditions: string[] = [];
  const parameter = (value: unknown) => `$${values.push(value)}`;
  if (!includeArchived) conditions.push("agency.archived_at IS NULL");
  if (kind) conditions.push(`agency.kind = ${parameter(kind)}::agencies."AgencyKind"`);
  if (jurisdiction) conditions.push(`agency.jurisdiction = ${parameter(jurisdiction)}::agencies."Jurisdiction"`);
  const text = search?.trim();
  if (text) {
    const pattern = parameter(`%${text.replace(/[\\%_]/g, "\\$&")}%`);
    conditions.push(`(agency.name ILIKE ${pattern} OR agency.short_name ILIKE ${pattern}
      OR EXISTS (SELECT 1 FROM agencies.agency_alias AS alias WHERE alias.agency_id = agency.id AND alias.name ILIKE ${pattern}))`);
  }
  return conditions;
}

function where(conditions: readonly string[]): string {
  return conditions.length ? ` WHERE ${conditions.join(" AND ")}` : "";
}
