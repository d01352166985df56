import { Prisma } from "../../generated/prisma/client.ts";
import type { ChangeTopics } from "../changes/change-event.ts";
import { announceCommittedChange, recordChange, writingUntil } from "../changes/record-change.ts";
import { unauthenticated, type Identity } from "../auth/identity.ts";
import { constraintError, type ConstraintErrors } from "../database/errors.ts";
import type { PrismaClient } from "../database/prisma.ts";
import * as check from "../graphql/validation.ts";
import { givenSource, type SourceInput } from "../provenance.ts";
import type { Citation } from "../../source/citations.ts";
import { keyReused, keyUse, requestDigest } from "./idempotency.ts";

export type Transaction = Prisma.TransactionClient;

/** Who writes, and through which client: a subgraph's request context has both. */
export interface Writer {
  prisma: PrismaClient;
  identity: Identity;
}

/**
 * The entity as a write found and left it, as the audit trail keeps it:
 * `before` null for a create, `after` null for a delete. The write answers
 * `after`, or `before` when it deleted the entity.
 */
export interface WriteOutcome<Entity> {
  before: Entity | null;
  after: Entity | null;
}

/** A mutation's input: the caller's idempotency key and the source of what it writes, if any, and the rest. */
export interface KeyedInput {
  idempotencyKey?: string | null;
  source?: SourceInput | null;
}

/** The fields of `Entity` that hold a moment, each marked `true`: all of them, and no others. */
export type DateFields<Entity> = {
  readonly [Field in keyof Entity as Entity[Field] extends Date | null ? Field : never]-?: true;
};

/** What every write of one kind of entity shares. */
export interface AuditedEntity<Entity> {
  /** The entity in messages and actions: `agency` makes `agency.update`. */
  name: string;
  /** The GraphQL type its audit entries are filed under, e.g. `Agency`. */
  entityType: string;
  /** Its moments, which its answer kept as JSON holds as text. */
  dates: DateFields<Entity>;
  /** What each constraint its writes can break means to a client. */
  constraints: ConstraintErrors;
  /** What subscribers filter its changes by, beyond its id (e.g. a link's two agencies). */
  topics?(entity: Entity): ChangeTopics;
}

/**
 * Runs a write, its audit entry (who, what, before, after, and the source
 * the input gives) and its event on the change feed in one transaction, and
 * answers the entity as the write left it. `apply` is given that source,
 * checked (see `givenSource`), to store with what it writes. A constraint
 * the write breaks becomes the client's error `entity.constraints` names.
 *
 * An idempotency key binds the caller's first request made with it (see
 * idempotency.ts): a true retry is not made again but answered as the first
 * time, from the first write's audit entry, and any other request under the
 * key is refused with IDEMPOTENCY_KEY_REUSED until the key expires. The
 * audit trail's unique (actor, key) index settles retries racing each other:
 * a keyed write that fails in any way (on that index, on a natural key of
 * the entity, or on the version the first attempt raised) looks for the
 * first attempt's entry before it gives up.
 */
export async function auditedWrite<Entity extends { id: string }, Input extends KeyedInput>(
  { prisma, identity }: Writer,
  entity: AuditedEntity<NoInfer<Entity>>,
  verb: string,
  input: Input,
  apply: (tx: Transaction, source: Citation | null) => Promise<WriteOutcome<Entity>>,
): Promise<Entity> {
  const actor = identity.subject;
  if (!actor) throw unauthenticated("Sign in to change the directory.");
  const action = `${entity.name}.${verb}`;
  const idempotencyKey = check.idempotencyKey(input.idempotencyKey);
  const source = givenSource(input.source);
  const digest = idempotencyKey ? requestDigest(action, input) : null;
  /** The earlier write under the key, if it binds: the answer to a retry, or the refusal of another request. */
  const earlier = async () => {
    if (!idempotencyKey || !digest) return undefined;
    const entry = await prisma.auditEntry.findUnique({ where: { actor_idempotencyKey: { actor, idempotencyKey } } });
    if (!entry) return undefined;
    const use = keyUse(entry, action, digest);
    if (use === "reused") throw keyReused(entry, action);
    return use === "retry" ? answerOf(entity, entry) : { expired: entry };
  };

  const first = await earlier();
  if (first && !("expired" in first)) return first;
  const settled = Promise.withResolvers<void>();
  try {
    const written = await prisma.$transaction(async (tx) => {
      const { before, after } = await apply(tx, source);
      const answer = after ?? before;
      if (!answer) throw new Error(`${action} neither found nor left ${entity.entityType}.`);
      if (first) {
        await tx.auditEntry.updateMany({ where: { id: first.expired.id, idempotencyKey }, data: { idempotencyKey: null } });
      }
      await tx.auditEntry.create({
        data: {
          actor,
          actorRoles: identity.roles,
          action,
          entityType: entity.entityType,
          entityId: answer.id,
          before: asJson(before),
          after: asJson(after),
          idempotencyKey,
          requestDigest: digest,
          sourceDocument: source?.document ?? null,
          sourceSection: source?.section ?? null,
          sourceQuote: source?.quote ?? null,
        },
      });
      const change = {
        entityType: entity.entityType,
        entityId: answer.id,
        action,
        version: versionOf(after),
        topics: entity.topics?.(answer) ?? {},
      };
      writingUntil(change.entityId, settled.promise);
      await recordChange(tx, change);
      return { answer, committed: { ...change, after: after ?? null } };
    }, WRITE_TRANSACTION);
    announceCommittedChange(written.committed);
    return written.answer;
  } catch (error) {
    const racer = await earlier();
    if (racer && !("expired" in racer)) return racer;
    throw constraintError(error, entity.constraints) ?? error;
  } finally {
    settled.resolve();
  }
}

/**
 * Writes commit one at a time (recordChange takes a lock so sequences follow
 * commit order), so a burst of writes queues for a connection. Prisma's
 * default two seconds of waiting would fail the tail of a burst of a hundred;
 * the operation's own deadline is the bound that matters.
 */
const WRITE_TRANSACTION = { maxWait: 10_000, timeout: 10_000 };

function versionOf(entity: unknown): number | null {
  const version = (entity as { version?: unknown } | null)?.version;
  return typeof version === "number" ? version : null;
}

/** The entity a write answered, from its audit entry. */
function answerOf<Entity>(entity: AuditedEntity<Entity>, entry: { before: unknown; after: unknown }): Entity {
  const answer = { ...((entry.after ?? entry.before) as Record<string, unknown>) };
  for (const field of Object.keys(entity.dates)) {
    const moment = answer[field];
    if (typeof moment === "string") answer[field] = new Date(moment);
  }
  return answer as Entity;
}

function asJson(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  if (value === null || value === undefined) return Prisma.DbNull;
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}
