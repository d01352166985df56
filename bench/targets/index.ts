/** What the bench loads, side by side; each runs in a process of its own. */
export interface TargetDefinition {
  readonly id: TargetId;
  readonly label: string;
  /** Entry under bench/. */
  readonly entry: string;
  /** Gateways reach the subgraphs; the floor reads the database directly. */
  readonly kind: "gateway" | "floor";
}

export type TargetId = "liaison" | "apollo-gateway" | "hive" | "hive-router" | "sql-floor";

export const LIAISON: TargetId = "liaison";
export const FLOOR: TargetId = "sql-floor";

export const targets: readonly TargetDefinition[] = [
  { id: "liaison", label: "Liaison gateway (Apollo Gateway 2.14)", entry: "targets/liaison.ts", kind: "gateway" },
  { id: "apollo-gateway", label: "Apollo Gateway as it comes (RemoteGraphQLDataSource)", entry: "targets/apollo-gateway.ts", kind: "gateway" },
  { id: "hive", label: "Hive Gateway", entry: "targets/hive.ts", kind: "gateway" },
  { id: "hive-router", label: "Hive Gateway + router runtime", entry: "targets/hive-router.ts", kind: "gateway" },
  { id: "sql-floor", label: "SQL floor (pg, no GraphQL)", entry: "targets/sql-floor.ts", kind: "floor" },
];
