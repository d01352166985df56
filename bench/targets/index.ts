/** What the bench loads, side by side; each runs in a process of its own. */
export interface TargetDefinition {
  readonly id: TargetId;
  readonly label: string;
  /** Entry under bench/. */
  readonly entry: string;
  /** Gateways reach the subgraphs; the floor reads the database directly. */
  readonly kind: "gateway" | "floor";
  /** Only in the cached comparison (`--cached`). */
  readonly cachedOnly?: true;
}

export type TargetId = "liaison" | "liaison-notified" | "apollo-gateway" | "hive" | "hive-router" | "sql-floor";

export const LIAISON: TargetId = "liaison";
export const FLOOR: TargetId = "sql-floor";

export const targets: readonly TargetDefinition[] = [
  { id: "liaison", label: "Liaison gateway (Apollo query planner 2.14, its own plan executor)", entry: "targets/liaison.ts", kind: "gateway" },
  { id: "apollo-gateway", label: "Apollo Gateway as it comes (RemoteGraphQLDataSource)", entry: "targets/apollo-gateway.ts", kind: "gateway" },
  { id: "hive", label: "Hive Gateway", entry: "targets/hive.ts", kind: "gateway" },
  { id: "hive-router", label: "Hive Gateway + router runtime", entry: "targets/hive-router.ts", kind: "gateway" },
  { id: "sql-floor", label: "SQL floor (pg, no GraphQL)", entry: "targets/sql-floor.ts", kind: "floor" },
  {
    id: "liaison-notified",
    label: "Liaison gateway, its response cache trusting notifications alone (no freshness check)",
    entry: "targets/liaison-notified.ts",
    kind: "gateway",
    cachedOnly: true,
  },
];

/** The cached comparison (`--cached`): each gateway with its response cache on. */
export const CACHED_TARGETS: readonly TargetId[] = ["liaison", "liaison-notified", "hive", "hive-router"];

const CACHED_LABELS: Partial<Record<TargetId, string>> = {
  liaison: "Liaison gateway, response cache on (kept fresh by the change feed, checked before each answer from memory)",
  hive: "Hive Gateway, response cache on (responseCaching, in-memory LRU)",
  "hive-router": "Hive Gateway + router runtime, response cache on (responseCaching, in-memory LRU)",
};

/** The targets a run loads: the cached comparison's, or every other. */
export function targetsFor(cached: boolean): TargetDefinition[] {
  if (!cached) return targets.filter((target) => !target.cachedOnly);
  return CACHED_TARGETS.map((id) => {
    const target = targets.find((each) => each.id === id)!;
    return { ...target, label: CACHED_LABELS[id] ?? target.label };
  });
}
