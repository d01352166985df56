import type { Closeness, RelationshipKind, RelationshipQualifier, RelationshipStatus } from "../../generated/prisma/client.ts";
import type { ConstraintErrors } from "../../platform/database/errors.ts";
import { ErrorCode } from "../../platform/graphql/error-codes.ts";
import { badUserInput } from "../../platform/graphql/errors.ts";
import * as check from "../../platform/graphql/validation.ts";
import { SOURCED_COLUMN_NAMES } from "../../platform/provenance.ts";
import type { KeyedInput, Writer } from "../../platform/writes/audited-write.ts";
import { versionedWrites, type VersionedInput } from "../../platform/writes/entity-writes.ts";
import type { Precondition } from "../../platform/writes/versioned.ts";
import { relationshipColumns, type RelationshipRow } from "./relationship-store.ts";

export interface CreateRelationship extends KeyedInput {
  from: string;
  to: string;
  kind: RelationshipKind;
  closeness?: Closeness | null;
  qualifiers?: readonly RelationshipQualifier[] | null;
  mutual?: boolean | null;
  status?: RelationshipStatus | null;
  since?: string | null;
  description: string;
}

export interface UpdateRelationship extends VersionedInput {
  kind?: RelationshipKind | null;
  closeness?: Closeness | null;
  qualifiers?: readonly RelationshipQualifier[] | null;
  mutual?: boolean | null;
  since?: string | null;
  description?: string | null;
}

export interface SuspendRelationship extends VersionedInput {
  reason?: string | null;
}

export const DESCRIPTION_LENGTH = 2000;
export const REASON_LENGTH = 500;

/**
 * What the relationships' constraints (see prisma/migrations) mean to a
 * client. Both ends are foreign keys to agencies, so an agency cannot vanish
 * between a check and the insert; and one link of a kind joins two agencies.
 */
export const constraintErrors: ConstraintErrors = {
  relationship_from_agency_id_fkey: { code: ErrorCode.BAD_USER_INPUT, argument: "input.from", message: "input.from names no agency." },
  relationship_to_agency_id_fkey: { code: ErrorCode.BAD_USER_INPUT, argument: "input.to", message: "input.to names no agency." },
  relationship_from_agency_id_to_agency_id_kind_key: {
    code: ErrorCode.CONFLICT,
    argument: "input.kind",
    message: "A relationship of this kind from input.from to input.to is already recorded.",
  },
};

const relationships = versionedWrites<RelationshipRow>({
  name: "relationship",
  entityType: "Relationship",
  table: ["relationships", "relationship"],
  columns: {
    id: "id",
    fromAgencyId: "from_agency_id",
    toAgencyId: "to_agency_id",
    kind: "kind",
    closeness: "closeness",
    qualifiers: "qualifiers",
    mutual: "mutual",
    status: "status",
    since: "since",
    description: "description",
    suspensionReason: "suspension_reason",
    version: "version",
    ...SOURCED_COLUMN_NAMES,
  },
  readAs: { qualifiers: "text[]" },
  dates: {},
  constraints: constraintErrors,
  facts: ["kind", "closeness", "qualifiers", "mutual", "status", "since", "description", "suspensionReason"],
  topics: (link) => ({ agencies: [link.fromAgencyId, link.toAgencyId] }),
});

/**
 * Records a relationship, audited. What can be checked without reading is
 * checked first: ids well formed and different, `since` a real date not in
 * the future. Whether both agencies exist is left to the foreign keys.
 */
export function createRelationship(writer: Writer, input: CreateRelationship, today = new Date()): Promise<RelationshipRow> {
  const data = {
    fromAgencyId: check.entityId(input.from, "input.from"),
    toAgencyId: check.entityId(input.to, "input.to"),
    kind: input.kind,
    closeness: input.closeness ?? null,
    qualifiers: eachOnce(input.qualifiers ?? []),
    mutual: input.mutual ?? false,
    status: input.status ?? "ACTIVE",
    since: input.since == null ? null : since(input.since, "input.since", today),
    description: check.requiredText(input.description, "input.description", DESCRIPTION_LENGTH),
  } as const;
  if (data.fromAgencyId === data.toAgencyId) {
    throw badUserInput("An agency cannot have a relationship with itself.", "input.to");
  }
  const request = { ...input, from: data.fromAgencyId, to: data.toAgencyId };
  return relationships.create(writer, "create", request, (tx, provenance) =>
    tx.relationship.create({ data: { ...data, ...provenance }, select: relationshipColumns }),
  );
}

/**
 * Changes the fields given of a link at the version the caller read. A
 * field left out or null stays as it is, except `closeness` and `since`,
 * which null clears, and `qualifiers`, which an empty list clears. Changing `kind` to one the same two agencies already
 * have is refused with CONFLICT, as a duplicate create is. The link's
 * source changes as `provenanceOfChange` says; so it does when it is
 * suspended or resumed, since its status is a fact a source states.
 */
export function updateRelationship(writer: Writer, input: UpdateRelationship, today = new Date()): Promise<RelationshipRow> {
  return relationships.change(writer, "update", input, {
    ...(input.kind != null && { kind: input.kind }),
    ...(input.closeness !== undefined && { closeness: input.closeness }),
    ...(input.qualifiers != null && { qualifiers: eachOnce(input.qualifiers) }),
    ...(input.mutual != null && { mutual: input.mutual }),
    ...(input.since !== undefined && {
      since: input.since === null ? null : since(input.since, "input.since", today),
    }),
    ...(input.description != null && {
      description: check.requiredText(input.description, "input.description", DESCRIPTION_LENGTH),
    }),
  });
}

/** ACTIVE to SUSPENDED, keeping the reason given; BAD_USER_INPUT when it is suspended already. */
export function suspendRelationship(writer: Writer, input: SuspendRelationship): Promise<RelationshipRow> {
  const reason = check.optionalText(input.reason, "input.reason", REASON_LENGTH) ?? null;
  return relationships.change(writer, "suspend", input, { status: "SUSPENDED", suspensionReason: reason }, whileStatus("ACTIVE"));
}

/** SUSPENDED to ACTIVE, forgetting the suspension's reason; BAD_USER_INPUT when it is active already. */
export function resumeRelationship(writer: Writer, input: VersionedInput): Promise<RelationshipRow> {
  return relationships.change(writer, "resume", input, { status: "ACTIVE", suspensionReason: null }, whileStatus("SUSPENDED"));
}

/**
 * Deletes a link at the version the caller read and answers it as it was.
 * Its audit entry keeps it as `before` (`after` null), and a retry with the
 * same idempotency key answers that again; without a key, deleting it again
 * is NOT_FOUND.
 */
export function deleteRelationship(writer: Writer, input: VersionedInput): Promise<RelationshipRow> {
  return relationships.remove(writer, "delete", input);
}

/** The qualifiers in the order given, without repeats. */
function eachOnce(qualifiers: readonly RelationshipQualifier[]): RelationshipQualifier[] {
  return [...new Set(qualifiers)];
}

function whileStatus(status: RelationshipStatus): Precondition<RelationshipRow> {
  return {
    holds: { status },
    otherwise: (current) => badUserInput(`This relationship is already ${current.status.toLowerCase()}.`, "input.id"),
  };
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
