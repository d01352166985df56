import { GraphQLError } from "graphql";
import { Prisma } from "../../generated/prisma/client.ts";
import { unauthenticated, type Identity } from "../auth/identity.ts";
import { uniqueViolation } from "../database/errors.ts";
import type { PrismaClient } from "../database/prisma.ts";

export type Transaction = Prisma.TransactionClient;

export interface WriteOutcome<Entity extends { id: string }> {
  entity: Entity;
  /** Storage rows before and after, as the audit trail keeps them. */
  before: unknown;
  after: unknown;
}

/** What the audit trail kept of a write, as a replay sees it. */
export interface RecordedWrite {
  before: unknown;
  after: unknown;
}

export interface AuditedWrite<Entity extends { id: string }> {
  /** e.g. `agency.create`. */
  action: string;
  entityType: string;
  /** A caller's key making a retry of this write return the first result. */
  idempotencyKey?: string | null;
  /**
   * Reads the entity a replayed write returns, given its id and the audit
   * entry of the first write (a delete answers the row it kept as `before`).
   */
  load: (prisma: PrismaClient, id: string, earlier: RecordedWrite) => Promise<Entity | null>;
  /** The write itself, in the transaction that also records its audit entry. */
  apply: (tx: Transaction) => Promise<WriteOutcome<Entity>>;
}

/**
 * Runs a write and its audit entry in one transaction. With an idempotency
 * key, a write the caller already made is not made again: its entity is
 * returned as it is now. The audit trail doubles as the record of keys, and
 * its unique (actor, key) index settles retries racing each other.
 */
export async function auditedWrite<Entity extends { id: string }>(
  prisma: PrismaClient,
  identity: Identity,
  write: AuditedWrite<Entity>,
): Promise<Entity> {
  const actor = identity.subject;
  if (!actor) throw unauthenticated("Sign in to change the directory.");
  const idempotencyKey = write.idempotencyKey ?? null;
  if (idempotencyKey) {
    const replayed = await replay(prisma, actor, idempotencyKey, write);
    if (replayed) return replayed;
  }
  try {
    return await prisma.$transaction(async (tx) => {
      const { entity, before, after } = await write.apply(tx);
      await tx.auditEntry.create({
        data: {
          actor,
          actorRoles: identity.roles,
          action: write.action,
          entityType: write.entityType,
          entityId: entity.id,
          before: asJson(before),
          after: asJson(after),
          idempotencyKey,
        },
      });
      return entity;
    });
  } catch (error) {
    // A retry racing the first attempt loses on a unique index: the key's,
    // or a natural key of the entity (a slug) when the rows collide first.
    // Or it reads the entity just after the first attempt committed, and
    // finds the version it names already replaced, or the entity deleted,
    // by that attempt.
    if (idempotencyKey && (uniqueViolation(error) || lostToAnotherWrite(error))) {
      const replayed = await replay(prisma, actor, idempotencyKey, write);
      if (replayed) return replayed;
    }
    throw error;
  }
}

async function replay<Entity extends { id: string }>(
  prisma: PrismaClient,
  actor: string,
  idempotencyKey: string,
  write: AuditedWrite<Entity>,
): Promise<Entity | undefined> {
  const earlier = await prisma.auditEntry.findUnique({
    where: { actor_idempotencyKey: { actor, idempotencyKey } },
  });
  if (!earlier) return undefined;
  if (earlier.action !== write.action) {
    throw new GraphQLError(`idempotencyKey was already used for ${earlier.action}.`, {
      extensions: { code: "CONFLICT", argument: "input.idempotencyKey" },
    });
  }
  const entity = await write.load(prisma, earlier.entityId, earlier);
  if (!entity) throw new GraphQLError("The entity this key wrote no longer exists.", { extensions: { code: "NOT_FOUND" } });
  return entity;
}

function lostToAnotherWrite(error: unknown): boolean {
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  return code === "CONFLICT" || code === "NOT_FOUND";
}

function asJson(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  if (value === null || value === undefined) return Prisma.DbNull;
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}
