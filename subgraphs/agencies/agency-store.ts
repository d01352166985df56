import type { Agency, AgencyAlias, AgencyKind, Jurisdiction, Prisma } from "../../generated/prisma/client.ts";
import { isUuid } from "../../platform/database/ids.ts";
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
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
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

/** A page of the agencies matching `filter`, ordered by name. */
export function listAgencies(
  prisma: PrismaClient,
  filter: AgencyFilter,
  page: PageRequest<AgencySortKey>,
): Promise<Agency[]> {
  const { order, beyond } = readingOrder("asc", page.backward);
  const { key } = page;
  const where: Prisma.AgencyWhereInput = key
    ? {
        AND: [
          whereMatching(filter),
          {
            OR: [
              { name: { [beyond]: key[0] } },
              { name: key[0], id: { [beyond]: key[1] } },
            ],
          },
        ],
      }
    : whereMatching(filter);
  return prisma.agency.findMany({
    where,
    orderBy: [{ name: order }, { id: order }],
    take: page.take,
  });
}

export function countAgencies(prisma: PrismaClient, filter: AgencyFilter): Promise<number> {
  return prisma.agency.count({ where: whereMatching(filter) });
}

// Prisma's `contains` is a LIKE pattern: escaped, `%` and `_` in a search
// match themselves instead of any text.
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}

function whereMatching({ kind, jurisdiction, search, includeArchived }: AgencyFilter): Prisma.AgencyWhereInput {
  const trimmed = search?.trim();
  const text = trimmed && likeLiteral(trimmed);
  return {
    ...(!includeArchived && { archivedAt: null }),
    ...(kind && { kind }),
    ...(jurisdiction && { jurisdiction }),
    ...(text && {
      OR: [
        { name: { contains: text, mode: "insensitive" } },
        { shortName: { contains: text, mode: "insensitive" } },
        { aliases: { some: { name: { contains: text, mode: "insensitive" } } } },
      ],
    }),
  };
}
