import type { Closeness, Prisma, RelationshipKind, RelationshipStatus } from "../../generated/prisma/client.ts";
import type { Identity } from "../../platform/auth/identity.ts";
import { foreignKeyViolation, uniqueViolation } from "../../platform/database/errors.ts";
import { isUuid } from "../../platform/database/ids.ts";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import { badUserInput, conflict } from "../../platform/graphql/errors.ts";
import * as check from "../../platform/graphql/validation.ts";
import { auditedWrite, type Transaction } from "../../platform/writes/audited-write.ts";
import {
  changeVersioned,
  currentVersion,
  deleteVersioned,
  type VersionedRows,
  type VersionedTarget,
} from "../../platform/writes/versioned.ts";
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

export interface UpdateRelationship extends VersionedTarget {
  kind?: RelationshipKind | null;
  closeness?: Closeness | null;
  mutual?: boolean | null;
  since?: string | null;
  description?: string | null;
  idempotencyKey?: string | null;
}

export interface SuspendRelationship extends VersionedTarget {
  reason?: string | null;
  idempotencyKey?: string | null;
}

export interface ChangeRelationship extends VersionedTarget {
  idempotencyKey?: string | null;
}

export const DESCRIPTION_LENGTH = 2000;
export const REASON_LENGTH = 500;

const loadRelationship = (prisma: PrismaClient, id: string) =>
  prisma.relationship.findUnique({ where: { id }, select: relationshipColumns });

/**
 * Relationships as the versioned-write helpers reach them: every change and
 * the delete name the version the caller read, checked in the same
 * statement that writes.
 */
const relationships: VersionedRows<RelationshipRow, Prisma.RelationshipUpdateManyMutationInput> = {
  entityName: "relationship",
  find: (tx, id) => tx.relationship.findUnique({ where: { id }, select: relationshipColumns }),
  update: (tx, where, data) => tx.relationship.updateMany({ where, data }),
  delete: (tx, where) => tx.relationship.deleteMany({ where }),
};

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

/**
 * Changes the fields given of a link at the version the caller read. A
 * field left out or null stays as it is, except `closeness` and `since`,
 * which null clears. Changing `kind` to one the same two agencies already
 * have is refused with CONFLICT, as a duplicate create is.
 */
export async function updateRelationship(
  prisma: PrismaClient,
  identity: Identity,
  input: UpdateRelationship,
  today = new Date(),
): Promise<RelationshipRow> {
  const target = versionedTarget(input);
  const changes: Prisma.RelationshipUpdateManyMutationInput = {
    ...(input.kind != null && { kind: input.kind }),
    ...(input.closeness !== undefined && { closeness: input.closeness }),
    ...(input.mutual != null && { mutual: input.mutual }),
    ...(input.since !== undefined && {
      since: input.since === null ? null : since(input.since, "input.since", today),
    }),
    ...(input.description != null && {
      description: check.requiredText(input.description, "input.description", DESCRIPTION_LENGTH),
    }),
  };
  try {
    return await auditedWrite(prisma, identity, {
      action: "relationship.update",
      entityType: "Relationship",
      idempotencyKey: check.idempotencyKey(input.idempotencyKey),
      load: loadRelationship,
      apply: (tx) => changeVersioned(relationships, tx, target, changes),
    });
  } catch (error) {
    if (uniqueViolation(error)) {
      throw conflict(`A ${input.kind} relationship between these agencies is already recorded.`, "input.kind");
    }
    throw error;
  }
}

/** ACTIVE to SUSPENDED, keeping the reason given; BAD_USER_INPUT when it is suspended already. */
export function suspendRelationship(
  prisma: PrismaClient,
  identity: Identity,
  input: SuspendRelationship,
): Promise<RelationshipRow> {
  const target = versionedTarget(input);
  const reason = check.optionalText(input.reason, "input.reason", REASON_LENGTH) ?? null;
  return auditedWrite(prisma, identity, {
    action: "relationship.suspend",
    entityType: "Relationship",
    idempotencyKey: check.idempotencyKey(input.idempotencyKey),
    load: loadRelationship,
    apply: (tx) => changeStatus(tx, target, "ACTIVE", { status: "SUSPENDED", suspensionReason: reason }),
  });
}

/** SUSPENDED to ACTIVE, forgetting the suspension's reason; BAD_USER_INPUT when it is active already. */
export function resumeRelationship(
  prisma: PrismaClient,
  identity: Identity,
  input: ChangeRelationship,
): Promise<RelationshipRow> {
  const target = versionedTarget(input);
  return auditedWrite(prisma, identity, {
    action: "relationship.resume",
    entityType: "Relationship",
    idempotencyKey: check.idempotencyKey(input.idempotencyKey),
    load: loadRelationship,
    apply: (tx) => changeStatus(tx, target, "SUSPENDED", { status: "ACTIVE", suspensionReason: null }),
  });
}

/**
 * Deletes a link at the version the caller read and answers it as it was.
 * Its audit entry keeps it as `before` (`after` null), and a retry with the
 * same idempotency key answers that again; without a key, deleting it again
 * is NOT_FOUND.
 */
export function deleteRelationship(
  prisma: PrismaClient,
  identity: Identity,
  input: ChangeRelationship,
): Promise<RelationshipRow> {
  const target = versionedTarget(input);
  return auditedWrite(prisma, identity, {
    action: "relationship.delete",
    entityType: "Relationship",
    idempotencyKey: check.idempotencyKey(input.idempotencyKey),
    load: async (_prisma, _id, earlier) => earlier.before as RelationshipRow,
    apply: (tx) => deleteVersioned(relationships, tx, target),
  });
}

async function changeStatus(
  tx: Transaction,
  target: VersionedTarget,
  from: RelationshipStatus,
  changes: Prisma.RelationshipUpdateManyMutationInput,
) {
  const current = await currentVersion(relationships, tx, target);
  if (current.status !== from) {
    throw badUserInput(`This relationship is already ${current.status.toLowerCase()}.`, "input.id");
  }
  // The status is checked again by the versioned update: a writer that
  // changed it in between also raised the version.
  return changeVersioned(relationships, tx, target, changes);
}

function versionedTarget({ id, version }: VersionedTarget): VersionedTarget {
  if (!isUuid(id)) throw badUserInput("input.id is not a relationship id.", "input.id");
  return { id: id.toLowerCase(), version };
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
