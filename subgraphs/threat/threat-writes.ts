import type { ThreatAssessment, ThreatLevel, ThreatScope } from "../../generated/prisma/client.ts";
import type { Identity } from "../../platform/auth/identity.ts";
import { uniqueViolation } from "../../platform/database/errors.ts";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import { badUserInput } from "../../platform/graphql/errors.ts";
import * as check from "../../platform/graphql/validation.ts";
import { auditedWrite } from "../../platform/writes/audited-write.ts";
import { staleVersion } from "../../platform/writes/versioned.ts";

export interface SetThreatLevel {
  scope: ThreatScope;
  level: ThreatLevel;
  reason: string;
  since?: Date | null;
  /** The version of the scope's current assessment the caller read; none when it has none. */
  expectedVersion?: number | null;
  idempotencyKey: string;
}

const REASON_LENGTH = 2000;

/**
 * Records a new assessment for a scope, which becomes its current level.
 *
 * Optimistic concurrency: assessments are only ever added, so what a caller
 * can overwrite unseen is the scope's current level. The caller names the
 * version of the assessment they believe current (none for a scope without
 * one), and the new assessment takes the next version. If another has been
 * recorded since, the check answers CONFLICT; if two writers pass the check
 * at once, both try to insert the same (scope, version) and the unique index
 * lets one commit: the other gets CONFLICT too. No lock is held.
 */
export function setThreatLevel(
  prisma: PrismaClient,
  identity: Identity,
  input: SetThreatLevel,
): Promise<ThreatAssessment> {
  const { scope, level } = input;
  const reason = check.requiredText(input.reason, "input.reason", REASON_LENGTH);
  const since = input.since == null ? null : check.notInTheFuture(input.since, "input.since");
  const expectedVersion = input.expectedVersion ?? 0;
  if (expectedVersion < 0) {
    throw badUserInput("input.expectedVersion must be a version: 1 or more.", "input.expectedVersion");
  }
  return withVersionCheck(
    prisma,
    scope,
    auditedWrite(prisma, identity, {
      action: "threat-level.set",
      entityType: "ThreatAssessment",
      idempotencyKey: check.idempotencyKey(input.idempotencyKey),
      load: (client, id) => client.threatAssessment.findUnique({ where: { id } }),
      apply: async (tx) => {
        const current = await findCurrent(tx, scope);
        if ((current?.version ?? 0) !== expectedVersion) throw staleThreatLevel(current?.version ?? 0);
        const entity = await tx.threatAssessment.create({
          data: { scope, level, reason, since, version: expectedVersion + 1 },
        });
        return { entity, before: current, after: entity };
      },
    }),
  );
}

function findCurrent(prisma: Pick<PrismaClient, "threatAssessment">, scope: ThreatScope) {
  return prisma.threatAssessment.findFirst({ where: { scope }, orderBy: { version: "desc" } });
}

function staleThreatLevel(current: number) {
  return staleVersion("scope's threat level", current, "input.expectedVersion");
}

/** A writer that lost the race for the next version gets CONFLICT, as one that read too late does. */
async function withVersionCheck(
  prisma: PrismaClient,
  scope: ThreatScope,
  write: Promise<ThreatAssessment>,
): Promise<ThreatAssessment> {
  try {
    return await write;
  } catch (error) {
    if (uniqueViolation(error)?.some((column) => /version/.test(column))) {
      throw staleThreatLevel((await findCurrent(prisma, scope))?.version ?? 0);
    }
    throw error;
  }
}
