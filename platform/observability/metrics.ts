import type { Pool } from "pg";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { ServedRequest } from "./request-scope.ts";

/** Seconds: from a cached answer to the gateway's subgraph timeout. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** How many distinct operation names (or error codes) get a label of their own; the rest share "other". */
export const LABEL_VALUES_LIMIT = 100;

/**
 * A process's Prometheus metrics, each labelled with the server
 * (`service`) that counted it, so one process serving the gateway and
 * every subgraph (`npm start`) still tells them apart. Node's own metrics
 * (event-loop delay, memory, CPU, GC) come with prom-client's defaults.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly #operations = new BoundedLabel(LABEL_VALUES_LIMIT);
  readonly #codes = new BoundedLabel(LABEL_VALUES_LIMIT);
  readonly #pools = new Set<Pool>();
  readonly #subscriptionCounts = new Set<() => number>();

  readonly #operationSeconds = new Histogram({
    name: "liaison_graphql_operation_duration_seconds",
    help: "GraphQL requests answered, by server, operation name and outcome (ok, error, refused).",
    labelNames: ["service", "operation", "outcome"] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });
  readonly #errors = new Counter({
    name: "liaison_graphql_errors_total",
    help: "Errors in GraphQL responses, by server and extensions.code.",
    labelNames: ["service", "code"] as const,
    registers: [this.registry],
  });
  readonly #refused = new Counter({
    name: "liaison_graphql_operations_refused_total",
    help: "Operations answered without running (parse, validation, limits, persisted-operation rules), by server and the first error's code.",
    labelNames: ["service", "code"] as const,
    registers: [this.registry],
  });
  readonly #fetchSeconds = new Histogram({
    name: "liaison_subgraph_fetch_duration_seconds",
    help: "The gateway's fetches from subgraphs, by subgraph and outcome (ok, error).",
    labelNames: ["subgraph", "outcome"] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });
  readonly #fetchErrors = new Counter({
    name: "liaison_subgraph_fetch_errors_total",
    help: "Errors in the answers of the gateway's subgraph fetches, by subgraph and extensions.code.",
    labelNames: ["subgraph", "code"] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const pools = this.#pools;
    const subscriptionCounts = this.#subscriptionCounts;
    new Gauge({
      name: "liaison_subscriptions_active",
      help: "Subscriptions the gateway holds open, over WebSocket and Server-Sent Events.",
      registers: [this.registry],
      collect() {
        let active = 0;
        for (const count of subscriptionCounts) active += count();
        this.set(active);
      },
    });
    new Gauge({
      name: "liaison_database_pool_connections",
      help: "Database connections of the subgraphs' pools: open (total), idle, and requests waiting for one.",
      labelNames: ["state"] as const,
      registers: [this.registry],
      collect() {
        let total = 0, idle = 0, waiting = 0;
        for (const pool of pools) {
          total += pool.totalCount;
          idle += pool.idleCount;
          waiting += pool.waitingCount;
        }
        this.set({ state: "total" }, total);
        this.set({ state: "idle" }, idle);
        this.set({ state: "waiting" }, waiting);
      },
    });
  }

  /** Counts a GraphQL request once it is answered; other routes are not counted. */
  requestServed(service: string, { operation }: ServedRequest, seconds: number): void {
    if (!operation) return;
    const outcome = operation.refused ? "refused" : operation.errorCodes.length > 0 ? "error" : "ok";
    this.#operationSeconds.observe({ service, operation: this.#operations.of(operation.name ?? "anonymous"), outcome }, seconds);
    for (const code of operation.errorCodes) this.#errors.inc({ service, code: this.#codes.of(code) });
    if (operation.refused) this.#refused.inc({ service, code: this.#codes.of(operation.errorCodes[0] ?? "none") });
  }

  subgraphFetched(subgraph: string, errorCodes: readonly string[], seconds: number): void {
    this.#fetchSeconds.observe({ subgraph, outcome: errorCodes.length > 0 ? "error" : "ok" }, seconds);
    for (const code of errorCodes) this.#fetchErrors.inc({ subgraph, code: this.#codes.of(code) });
  }

  /** Reports the connections of `pool` in liaison_database_pool_connections. */
  watchPool(pool: Pool): void {
    this.#pools.add(pool);
  }

  /** Reports `count()`, a gateway's subscriptions held open, in liaison_subscriptions_active. */
  watchSubscriptions(count: () => number): void {
    this.#subscriptionCounts.add(count);
  }

  /** The text a Prometheus scrape reads. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/**
 * Label values clients choose (operation names) or could multiply: the
 * first `limit` distinct ones are kept, later ones are "other", so a caller
 * inventing names cannot grow the series without bound.
 */
class BoundedLabel {
  readonly #seen = new Set<string>();
  readonly #limit: number;
  constructor(limit: number) {
    this.#limit = limit;
  }

  of(value: string): string {
    if (this.#seen.has(value)) return value;
    if (this.#seen.size >= this.#limit) return "other";
    this.#seen.add(value);
    return value;
  }
}
