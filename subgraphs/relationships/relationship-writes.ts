import type { Closeness, RelationshipKind, RelationshipStatus } from "../../generated/prisma/client.ts";
import type { Identity } from "../../platform/auth/identity.ts";
import { foreignKeyViolation, uniqueViolation } from "../../platform/database/errors.ts";
import { isUuid } from "../../platform/database/ids.ts";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import { badUserInput, conflict } from "../../platform/graphql/errors.ts";
import * as check from "../../platform/graphql/validation.ts";
import { auditedWrite } from "../../platform/writes/audited-write.ts";
import { relationshipColumns, type RelationshipRow } from "./relationship-store.ts";

export interface CreateRelationship {
  from: string;
  to: string;
  kind: RelationshipKind;
  closeness?: Closeness | null;
  mutual?: boolean | null;
  status?: RelationshipStatus | null;
  since?: string | null;
  description: string;
  idempotencyKey?: string | null;
}

export const DESCRIPTION_LENGTH = 2000;

const loadRelationship = (prisma: PrismaClient, id: string) =>
  prisma.relationship.findUnique({ where: { id }, select: relationshipColumns });

/**
 * Records a relationship, audited. What can be checked without reading is
 * checked first: ids well formed and different, `since` a real date not in
 * the future. Whether both agencies exist is left to the foreign keys (see
 * prisma/schema/relationships.prisma), so an agency cannot vanish between a
 * check and the insert: a violation becomes BAD_USER_INPUT naming the
 * field, and a second link of the same kind CONFLICT.
 */
export async function createRelationship(
  prisma: PrismaClient,
  identity: Identity,
  input: CreateRelationship,
  today = new Date(),
): Promise<RelationshipRow> {
  const data = {
    fromAgencyId: agencyId(input.from, "input.from"),
    toAgencyId: agencyId(input.to, "input.to"),
    kind: input.kind,
    closeness: input.closeness ?? null,
    mutual: input.mutual ?? false,
    status: input.status ?? "ACTIVE",
    since: input.since == null ? null : since(input.since, "input.since", today),
    description: check.requiredText(input.description, "input.description", DESCRIPTION_LENGTH),
  } as const;
  if (data.fromAgencyId === data.toAgencyId) {
    throw badUserInput("An agency cannot have a relationship with itself.", "input.to");
  }
  try {
    return await auditedWrite(prisma, identity, {
      action: "relationship.create",
      entityType: "Relationship",
      idempotencyKey: check.idempotencyKey(input.idempotencyKey),
      load: loadRelationship,
      apply: async (tx) => {
        const entity = await tx.relationship.create({ data, select: relationshipColumns });
        return { entity, before: null, after: entity };
      },
    });
  } catch (error) {
    const missing = foreignKeyViolation(error);
    if (missing) {
      const field = missing.some((column) => /to_agency_id|toAgencyId/.test(column)) ? "to" : "from";
      throw badUserInput(`input.${field} names no agency.`, `input.${field}`);
    }
    if (uniqueViolation(error)) {
      throw conflict(`This ${input.kind} relationship from input.from to input.to is already recorded.`);
    }
    throw error;
  }
}

function agencyId(value: string, argument: string): string {
  if (!isUuid(value)) throw badUserInput(`${argument} is not an agency id.`, argument);
  return value.toLowerCase();
}

const ISO_PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** An ISO 8601 year, year-month or date that exists and is not after `today`. */
export function since(value: string, argument: string, today: Date): string {
  const match = ISO_PARTIAL_DATE.exec(value);
  const [, year, month, day] = match ?? [];
  const exists =
    match !== null &&
    (month === undefined || (Number(month) >= 1 && Number(month) <= 12)) &&
    (day === undefined || isCalendarDate(Number(year), Number(month), Number(day)));
  if (!exists) {
    throw badUserInput(`${argument} must be an ISO 8601 year, year and month, or date, e.g. 2007 or 2007-05-08.`, argument);
  }
  // ISO strings of equal length compare in time order.
  if (value > today.toISOString().slice(0, value.length)) {
    throw badUserInput(`${argument} must not be in the future.`, argument);
  }
  return value;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
