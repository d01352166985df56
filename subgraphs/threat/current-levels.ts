import type { ThreatAssessment, ThreatScope } from "../../generated/prisma/client.ts";
import { ThreatScope as ThreatScopes } from "../../generated/prisma/enums.ts";
import type { ChangeEvent } from "../../platform/changes/change-event.ts";
import type { ChangeFeed } from "../../platform/changes/change-feed.ts";
import { onCommittedChange, writeUnderWay, type CommittedChange } from "../../platform/changes/record-change.ts";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import type { SubgraphMemory } from "../../platform/subgraph.ts";
import { findCurrentAssessments } from "./threat-store.ts";

export interface CurrentThreatLevelsOptions {
  /** Where failures to read the database in the background are reported. */
  onError?: (error: unknown) => void;
}

const ASSESSMENT = "ThreatAssessment";
const ALL_SCOPES = Object.values(ThreatScopes);

/**
 * Each scope's current assessment in memory, so that the threat level every
 * dashboard shows costs no SQL. Assessments are only ever added, each its
 * scope's next version, so the current one is the highest version seen and
 * a late read can never bring back an older one.
 *
 * Kept fresh as the adjacency index is: this process's own writes hand over
 * the assessment they recorded before they answer; another process's
 * arrive by the change feed, naming the scope (its topic) and the version,
 * and the scope is read again. `current()` waits for such a read and answers
 * false when the last one failed, which sends the caller to SQL.
 */
export class CurrentThreatLevels implements SubgraphMemory {
  readonly #prisma: PrismaClient;
  readonly #onError: (error: unknown) => void;
  readonly #current = new Map<ThreatScope, ThreatAssessment>();
  /** Scopes a change named, with the version it named. */
  readonly #pending = new Map<ThreatScope, { assessmentId: string; version: number | null }>();
  readonly #stops: (() => unknown)[] = [];
  #loaded = false;
  #refreshing: Promise<void> | undefined;
  #refreshFailed = false;

  private constructor(prisma: PrismaClient, options: CurrentThreatLevelsOptions) {
    this.#prisma = prisma;
    this.#onError = options.onError ?? (() => undefined);
  }

  /** Subscribes to `changes`, then reads every scope: a change committed while it reads is read again afterwards. */
  static async start(prisma: PrismaClient, changes: ChangeFeed, options: CurrentThreatLevelsOptions = {}): Promise<CurrentThreatLevels> {
    const levels = new CurrentThreatLevels(prisma, options);
    levels.#stops.push(
      onCommittedChange((committed) => levels.#committedHere(committed)),
      changes.subscribe((event) => levels.#changed(event)),
    );
    try {
      for (const assessment of await findCurrentAssessments(prisma, ALL_SCOPES)) if (assessment) levels.#put(assessment);
    } catch (error) {
      await levels.stop();
      throw error;
    }
    levels.#loaded = true;
    await levels.#refresh();
    return levels;
  }

  /** The current assessment of each of `scopes`, in order; null for a scope that has none. */
  assessmentsOf(scopes: readonly ThreatScope[]): (ThreatAssessment | null)[] {
    return scopes.map((scope) => this.#current.get(scope) ?? null);
  }

  /** Whether the levels may answer now (see the class comment). */
  async current(): Promise<boolean> {
    if (this.#pending.size > 0 || this.#refreshing) await this.#refresh();
    return !this.#refreshFailed;
  }

  async stop(): Promise<void> {
    for (const stop of this.#stops.splice(0)) stop();
    await this.#refreshing;
  }

  #committedHere(changes: readonly CommittedChange[]): void {
    for (const change of changes) {
      if (change.entityType === ASSESSMENT && change.after) this.#put(change.after as ThreatAssessment);
    }
  }

  #changed(event: ChangeEvent): void {
    const scope = event.topics.scope;
    if (event.entityType !== ASSESSMENT || typeof scope !== "string") return;
    if (this.#holds(scope as ThreatScope, event.version)) return;
    this.#pending.set(scope as ThreatScope, { assessmentId: event.entityId, version: event.version });
    if (this.#loaded) void this.#refresh();
  }

  #holds(scope: ThreatScope, version: number | null): boolean {
    const held = this.#current.get(scope);
    return held !== undefined && version !== null && held.version >= version;
  }

  #refresh(): Promise<void> {
    this.#refreshing ??= this.#refreshPending().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async #refreshPending(): Promise<void> {
    for (;;) {
      // This process's own write announces its assessment once committed; wait for that rather than read it back.
      await Promise.all([...this.#pending.values()].map(({ assessmentId }) => writeUnderWay(assessmentId)));
      for (const [scope, { version }] of this.#pending) if (this.#holds(scope, version)) this.#pending.delete(scope);
      if (this.#pending.size === 0) break;
      const named = new Map(this.#pending);
      this.#pending.clear();
      try {
        const scopes = [...named.keys()];
        for (const assessment of await findCurrentAssessments(this.#prisma, scopes)) if (assessment) this.#put(assessment);
      } catch (error) {
        for (const [scope, pending] of named) if (!this.#pending.has(scope)) this.#pending.set(scope, pending);
        this.#refreshFailed = true;
        this.#onError(error);
        return;
      }
    }
    this.#refreshFailed = false;
  }

  #put(assessment: ThreatAssessment): void {
    const held = this.#current.get(assessment.scope);
    if (!held || held.version < assessment.version) this.#current.set(assessment.scope, assessment);
  }
}
