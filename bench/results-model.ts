import type { OperationId } from "./operations.ts";
import type { TargetId } from "./targets/index.ts";

/** What bench/results/latest.json holds. */
export interface BenchResults {
  version: 1;
  startedAt: string;
  finishedAt: string;
  settings: BenchSettings;
  environment: Record<string, string | number>;
  fairness: string[];
  scales: ScaleInfo[];
  operations: { id: OperationId; title: string; skipped?: string }[];
  targets: { id: TargetId; label: string; version: string }[];
  cells: Cell[];
  ratios: Ratio[];
}

export interface BenchSettings {
  quick: boolean;
  scales: string[];
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  rounds: number;
  database: "server" | "embedded";
  /** `cached`: every target with its response cache on (`--cached`); cold otherwise. */
  mode?: "cold" | "cached";
}

export interface ScaleInfo {
  scale: string;
  /** Agencies in the directory, for the chart's x axis. */
  agencies: number;
  rows: Record<string, number>;
  secondsToPrepare: number;
}

export interface RoundResult {
  round: number;
  requestsPerSecond: number;
  /** null (NaN in memory) when no response came back within the round. */
  p50Ms: number;
  p99Ms: number;
  errors: number;
  responses: number;
  peakRssBytes: number;
  /** SQL statements sent while loading, per request sent (shows caching or merged fetches). */
  sqlStatementsPerRequest: number;
  /** CPU time per request sent: the target's process, the subgraphs' processes, the load generator, and the rest of the machine (Postgres, the kernel, anything else running). */
  cpuMsPerRequest: { target: number; subgraphs: number; loadGenerator: number; rest: number | null };
}

export interface Cell {
  scale: string;
  operation: OperationId;
  target: TargetId;
  status: "measured" | "excluded";
  /** Why a cell was not measured (a failed or unequal response). */
  reason?: string;
  /** Medians over the rounds. */
  requestsPerSecond?: number;
  p50Ms?: number;
  p99Ms?: number;
  /** Summed over the rounds. */
  errors?: number;
  /** Highest RSS of the target's process while measuring, MiB. */
  peakRssMiB?: number;
  /** SQL statements one request caused, counted in the check before loading. */
  sqlStatements?: number;
  /** Median over the rounds of SQL statements per request while loading. */
  sqlStatementsUnderLoad?: number;
  responseBytes?: number;
  cpuMsPerRequest?: RoundResult["cpuMsPerRequest"];
  rounds?: RoundResult[];
}

export interface Ratio {
  scale: string;
  operation: OperationId;
  versus: TargetId;
  /** Liaison's requests/s over the other's: above 1, Liaison serves more. */
  throughput: number;
  /** Liaison's p99 over the other's: below 1, Liaison's tail is shorter. */
  p99: number;
}
