import { EventEmitter } from "node:events";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { NewChange } from "./change-event.ts";

/** The Postgres channel every change is announced on. */
export const CHANGES_CHANNEL = "liaison_changes";

// Any two writers take this lock, as the last step before their transaction
// commits, to record their event: the sequence is then handed out in commit
// order, so a reader that has seen sequence n has seen every change
// committed before it. Postgres already serialises the commits of
// transactions that NOTIFY, so the lock adds no waiting of its own.
const CHANGE_ORDER_LOCK = 0x4c49_4348;

/**
 * Records `change` in the transaction `tx` that makes it, and announces it on
 * CHANGES_CHANNEL when the transaction commits (nothing if it rolls back).
 * Call it last in the transaction.
 */
export async function recordChange(tx: Prisma.TransactionClient, change: NewChange): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHANGE_ORDER_LOCK})`;
  await tx.$executeRaw`
    WITH event AS (
      INSERT INTO audit.change_event (entity_type, entity_id, action, version, topics)
      VALUES (${change.entityType}, ${change.entityId}::uuid, ${change.action}, ${change.version ?? null},
              ${JSON.stringify(change.topics ?? {})}::jsonb)
      RETURNING sequence)
    SELECT pg_notify(${CHANGES_CHANNEL}, sequence::text) FROM event`;
}

/** A change this process has just committed, with the entity as the write left it. */
export interface CommittedChange extends NewChange {
  /** The entity after the change; null when the change removed it. */
  after: unknown;
}

const committed = new EventEmitter().setMaxListeners(0);

/**
 * Tells change feeds in this process that changes have committed, and
 * anything kept in memory what they left, before the write answers.
 * Postgres's NOTIFY reaches feeds in other processes; this reaches this
 * process's at once, also on embedded Postgres, whose notifications go back
 * only to the connection that raised them.
 */
export function announceCommittedChange(...changes: CommittedChange[]): void {
  committed.emit("change", changes);
}

/** Calls `listener` whenever changes commit in this process; returns how to stop. */
export function onCommittedChange(listener: (changes: readonly CommittedChange[]) => void): () => void {
  committed.on("change", listener);
  return () => committed.off("change", listener);
}

const writesUnderWay = new Map<string, Promise<void>>();

/**
 * Marks `entityId` as being written by this process until `settled`
 * resolves, which its writer does once the transaction has committed and
 * been announced, or rolled back. Postgres may deliver the change to a feed
 * before the writer has heard its commit; whatever keeps entities in memory
 * can wait for the writer's own announcement rather than read the entity
 * back.
 */
export function writingUntil(entityId: string, settled: Promise<void>): void {
  writesUnderWay.set(entityId, settled);
  void settled.then(() => {
    if (writesUnderWay.get(entityId) === settled) writesUnderWay.delete(entityId);
  });
}

/** When this process's write of `entityId` settles; undefined when none is under way. */
export function writeUnderWay(entityId: string): Promise<void> | undefined {
  return writesUnderWay.get(entityId);
}
