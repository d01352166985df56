import type { ThreatAssessment, ThreatScope } from "../../generated/prisma/client.ts";
import type { ChangeFeed } from "../../platform/changes/change-feed.ts";
import { IndexedMemory, type EntityMemoryOptions } from "../../platform/changes/entity-memory.ts";
import { inOrderOf } from "../../platform/database/ids.ts";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import type { SubgraphMemory } from "../../platform/subgraph.ts";

/**
 * Every threat assessment in memory (an EntityMemory: read at start, kept
 * fresh from the change feed, SQL the fallback), so that the threat level
 * every dashboard shows costs no SQL. Assessments are only ever added, a
 * few a year, each its scope's next version: a scope's current level is
 * the highest version held.
 */
export class CurrentThreatLevels extends IndexedMemory<ThreatAssessment> implements SubgraphMemory {
  /** Each scope's assessments, by version. */
  readonly #byScope = new Map<ThreatScope, ThreatAssessment[]>();

  private constructor(prisma: PrismaClient, options: EntityMemoryOptions) {
    super(
      {
        entityType: "ThreatAssessment",
        readPage: (after, limit) =>
          prisma.threatAssessment.findMany({ ...(after && { where: { id: { gt: after } } }), orderBy: { id: "asc" }, take: limit }),
        readByIds: async (ids) => inOrderOf(ids, await prisma.threatAssessment.findMany({ where: { id: { in: [...ids] } } })),
      },
      options,
    );
  }

  static async start(prisma: PrismaClient, changes: ChangeFeed, options: EntityMemoryOptions = {}): Promise<CurrentThreatLevels> {
    const levels = new CurrentThreatLevels(prisma, options);
    await levels.rows.start(changes);
    return levels;
  }

  /** The current assessment of each of `scopes`, in order; null for a scope that has none. */
  assessmentsOf(scopes: readonly ThreatScope[]): (ThreatAssessment | null)[] {
    return scopes.map((scope) => this.#byScope.get(scope)?.at(-1) ?? null);
  }

  protected index(assessment: ThreatAssessment): void {
    const held = this.#byScope.get(assessment.scope) ?? [];
    this.#byScope.set(assessment.scope, held);
    let position = held.length;
    while (position > 0 && held[position - 1]!.version > assessment.version) position--;
    held.splice(position, 0, assessment);
  }

  protected unindex(assessment: ThreatAssessment): void {
    const held = this.#byScope.get(assessment.scope);
    const position = held?.findIndex((each) => each.id === assessment.id) ?? -1;
    if (position >= 0) held!.splice(position, 1);
  }
}
