import { GraphQLError } from "graphql";
import type { Transaction, WriteOutcome } from "./audited-write.ts";

/** The error for a write that names a version someone else has already replaced. */
export function staleVersion(entityType: string, current: number, argument = "input.version"): GraphQLError {
  return new GraphQLError(
    `This ${entityType} has changed since the version you named; it is at version ${current}. Read it again and retry.`,
    { extensions: { code: "CONFLICT", argument, currentVersion: current } },
  );
}

export function notFound(entityType: string, argument = "input.id"): GraphQLError {
  return new GraphQLError(`No ${entityType} has that id.`, { extensions: { code: "NOT_FOUND", argument } });
}

/** A row as the caller read it: which one, and at which version. */
export interface VersionedTarget {
  id: string;
  version: number;
}

/**
 * One table of versioned rows, as the helpers below reach it. Each function
 * forwards to the table's Prisma delegate in one statement, e.g.
 * `update: (tx, where, data) => tx.agency.updateMany({ where, data })`.
 * `Changes` is the delegate's `updateMany` data type, so it accepts
 * `version: { increment: 1 }`.
 */
export interface VersionedRows<Row extends VersionedTarget, Changes extends object> {
  /** The entity's name in messages, e.g. `agency`. */
  entityName: string;
  /** The row with `id`, or null; null too for an id that is not well formed. */
  find(tx: Transaction, id: string): Promise<Row | null>;
  /** `UPDATE ... SET data WHERE id AND version`; how many rows it changed. */
  update(tx: Transaction, where: VersionedTarget, data: Changes): Promise<{ count: number }>;
  /** `DELETE ... WHERE id AND version`, for tables whose rows may be deleted. */
  delete?(tx: Transaction, where: VersionedTarget): Promise<{ count: number }>;
}

/** The row the caller named, at the version it named: NOT_FOUND or CONFLICT otherwise. */
export async function currentVersion<Row extends VersionedTarget>(
  rows: VersionedRows<Row, object>,
  tx: Transaction,
  { id, version }: VersionedTarget,
): Promise<Row> {
  const current = await rows.find(tx, id);
  if (!current) throw notFound(rows.entityName);
  if (current.version !== version) throw staleVersion(rows.entityName, current.version);
  return current;
}

/**
 * Applies `changes` and raises the version only if the row is still at the
 * version the caller read: the version check and the change are one
 * statement, so of two racing writers exactly one wins and the other gets
 * CONFLICT (or NOT_FOUND, when the winner deleted the row).
 */
export async function changeVersioned<Row extends VersionedTarget, Changes extends object>(
  rows: VersionedRows<Row, Changes>,
  tx: Transaction,
  target: VersionedTarget,
  changes: Changes,
): Promise<WriteOutcome<Row>> {
  const before = await currentVersion(rows, tx, target);
  const { count } = await rows.update(tx, { id: target.id, version: target.version }, {
    ...changes,
    version: { increment: 1 },
  });
  const entity = await rows.find(tx, target.id);
  if (!entity) throw notFound(rows.entityName);
  if (count === 0) throw staleVersion(rows.entityName, entity.version);
  return { entity, before, after: entity };
}

/**
 * Deletes the row only if it is still at the version the caller read, in
 * one statement, as `changeVersioned` changes it. The outcome's entity is
 * the row as it was; the audit trail keeps it as `before`, `after` null.
 */
export async function deleteVersioned<Row extends VersionedTarget>(
  rows: VersionedRows<Row, object>,
  tx: Transaction,
  target: VersionedTarget,
): Promise<WriteOutcome<Row>> {
  if (!rows.delete) throw new Error(`${rows.entityName} rows are not deleted.`);
  const before = await currentVersion(rows, tx, target);
  const { count } = await rows.delete(tx, { id: target.id, version: target.version });
  if (count === 0) {
    const now = await rows.find(tx, target.id);
    if (!now) throw notFound(rows.entityName);
    throw staleVersion(rows.entityName, now.version);
  }
  return { entity: before, before, after: null };
}
