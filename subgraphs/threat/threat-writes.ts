import type { ThreatAssessment, ThreatLevel, ThreatScope } from "../../generated/prisma/client.ts";
import { badUserInput, staleVersion } from "../../platform/graphql/errors.ts";
import * as check from "../../platform/graphql/validation.ts";
import { sourceColumns } from "../../platform/provenance.ts";
import { auditedWrite, type AuditedEntity, type KeyedInput, type Transaction, type Writer } from "../../platform/writes/audited-write.ts";

export interface SetThreatLevel extends KeyedInput {
  scope: ThreatScope;
  level: ThreatLevel;
  reason: string;
  since?: Date | null;
  /** The version of the scope's current assessment the caller read; none when it has none. */
  expectedVersion?: number | null;
  idempotencyKey: string;
}

const REASON_LENGTH = 2000;

const assessments: AuditedEntity<ThreatAssessment> = {
  name: "threat-level",
  entityType: "ThreatAssessment",
  dates: { since: true, recordedAt: true },
  // The one constraint a new assessment can break, its scope's next
  // version, is settled by the insert itself (see below).
  constraints: {},
  topics: (assessment) => ({ scope: assessment.scope }),
};

/**
 * Records a new assessment for a scope, which becomes its current level.
 *
 * Optimistic concurrency: assessments are only ever added, so what a caller
 * can overwrite unseen is the scope's current level. The caller names the
 * version of the assessment they believe current (none for a scope without
 * one), and the new assessment takes the next version. If another has been
 * recorded since, the check answers CONFLICT; if two writers pass the check
 * at once, both insert the same (scope, version), the unique index lets one
 * have it and the other inserts nothing (ON CONFLICT DO NOTHING): it gets
 * CONFLICT too. No lock is held.
 */
export function setThreatLevel(writer: Writer, input: SetThreatLevel): Promise<ThreatAssessment> {
  const { scope, level } = input;
  const reason = check.requiredText(input.reason, "input.reason", REASON_LENGTH);
  const since = input.since == null ? null : check.notInTheFuture(input.since, "input.since");
  const expectedVersion = input.expectedVersion ?? 0;
  if (expectedVersion < 0) {
    throw badUserInput("input.expectedVersion must be a version: 1 or more.", "input.expectedVersion");
  }
  return auditedWrite(writer, assessments, "set", input, async (tx, source) => {
    const current = await findCurrent(tx, scope);
    if ((current?.version ?? 0) !== expectedVersion) throw staleThreatLevel(current?.version ?? 0);
    const [recorded] = await tx.threatAssessment.createManyAndReturn({
      data: [{ scope, level, reason, since, version: expectedVersion + 1, ...sourceColumns(source) }],
      skipDuplicates: true,
    });
    if (!recorded) throw staleThreatLevel((await findCurrent(tx, scope))?.version ?? 0);
    return { before: current, after: recorded };
  });
}

function findCurrent(tx: Transaction, scope: ThreatScope) {
  return tx.threatAssessment.findFirst({ where: { scope }, orderBy: { version: "desc" } });
}

function staleThreatLevel(current: number) {
  return staleVersion("scope's threat level", current, "input.expectedVersion");
}
