import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { callerAuthenticator } from "../../gateway/authenticate.ts";
import { buildGateway } from "../../gateway/gateway-server.ts";
import { gatewaySigningKey } from "../../platform/auth/internal-token.ts";
import { readAuthSettings } from "../../platform/config.ts";
import { LABEL_VALUES_LIMIT } from "../../platform/observability/metrics.ts";
import { startManagementServer } from "../../platform/observability/management-server.ts";
import { sample, scrape } from "../support/metrics-scrape.ts";
import { testObservability } from "../support/test-logs.ts";
import { startTestSupergraph, type TestSupergraph } from "../support/test-supergraph.ts";

// What Prometheus scrapes: requests by operation and outcome, refusals by
// code, subgraph fetches, the database pool and Node's own figures.

let liaison: TestSupergraph;

beforeAll(async () => {
  liaison = await startTestSupergraph();
});
afterAll(() => liaison?.stop());

const DASHBOARD = /* GraphQL */ `
  query Dashboard {
    threatLevel { level }
    agency(slug: "mi5") { name partners { slug } news(first: 2) { title } }
  }
`;

/** Scrapes until `check` passes: a request is counted just after its response is sent. */
function scrapeUntil(url: string, check: (samples: Map<string, number>) => void): Promise<Map<string, number>> {
  return vi.waitFor(async () => {
    const samples = await scrape(url);
    check(samples);
    return samples;
  });
}

describe("/metrics", () => {
  it("counts each operation by name and outcome, and the gateway's fetches from each subgraph", async () => {
    const before = await scrape(liaison.supergraph.gateway.url);
    for (let i = 0; i < 2; i++) expect((await liaison.query(DASHBOARD)).body.errors).toBeUndefined();
    const dashboards = 'liaison_graphql_operation_duration_seconds_count{service="gateway",operation="Dashboard",outcome="ok"}';
    const after = await scrapeUntil(liaison.supergraph.gateway.url, (samples) =>
      expect(sample(samples, dashboards) - sample(before, dashboards)).toBe(2),
    );
    for (const subgraph of ["threat", "agencies", "relationships", "news"]) {
      const fetches = `liaison_subgraph_fetch_duration_seconds_count{subgraph="${subgraph}",outcome="ok"}`;
      expect(sample(after, fetches) - sample(before, fetches), subgraph).toBeGreaterThanOrEqual(2);
    }
    // The subgraphs count the operations the gateway sent them.
    const threatOperations = [...after].filter(
      ([name]) => name.startsWith('liaison_graphql_operation_duration_seconds_count{service="threat"') && name.includes('outcome="ok"'),
    );
    expect(threatOperations.length).toBeGreaterThan(0);
  });

  it("counts operations refused by the limits, by code", async () => {
    const refusedByCost = 'liaison_graphql_operations_refused_total{service="gateway",code="OPERATION_TOO_EXPENSIVE"}';
    const before = sample(await scrape(liaison.supergraph.gateway.url), refusedByCost);
    const expensive = await liaison.query(
      `query Expensive($n: Int) { agencies(first: $n) { edges { node { partners { partners { slug } } } } } }`,
      { n: 100 },
    );
    expect(expensive.body.errors?.[0]?.extensions?.code).toBe("OPERATION_TOO_EXPENSIVE");
    const after = await scrapeUntil(liaison.supergraph.gateway.url, (samples) => expect(sample(samples, refusedByCost) - before).toBe(1));
    expect(sample(after, 'liaison_graphql_operation_duration_seconds_count{service="gateway",operation="Expensive",outcome="refused"}')).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'liaison_graphql_errors_total{service="gateway",code="OPERATION_TOO_EXPENSIVE"}')).toBeGreaterThanOrEqual(1);
  });

  it("counts the errors in a subgraph's answers, by subgraph and code", async () => {
    const errors = 'liaison_subgraph_fetch_errors_total{subgraph="agencies",code="BAD_USER_INPUT"}';
    const failedFetches = 'liaison_subgraph_fetch_duration_seconds_count{subgraph="agencies",outcome="error"}';
    const before = await scrape(liaison.supergraph.gateway.url);
    const response = await liaison.query(`{ agency(id: "not-an-id") { name } }`);
    expect(response.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const after = await scrapeUntil(liaison.supergraph.gateway.url, (samples) => expect(sample(samples, errors) - sample(before, errors)).toBe(1));
    expect(sample(after, failedFetches) - sample(before, failedFetches)).toBe(1);
  });

  it("is served by every subgraph too, with the database pool and Node's own figures", async () => {
    for (const [name, server] of Object.entries(liaison.supergraph.subgraphs)) {
      const samples = await scrape(server.url);
      expect(sample(samples, 'liaison_database_pool_connections{state="total"}'), name).toBeGreaterThan(0);
      expect(samples.has('liaison_database_pool_connections{state="waiting"}')).toBe(true);
      expect(samples.has("nodejs_eventloop_lag_p99_seconds")).toBe(true);
      expect(sample(samples, "process_resident_memory_bytes")).toBeGreaterThan(0);
    }
  });

  it("keeps the operation names clients invent from growing the series without bound", async () => {
    for (let i = 0; i <= LABEL_VALUES_LIMIT; i++) await liaison.query(`query Invented${i} { threatLevel { level } }`);
    const samples = await scrapeUntil(liaison.supergraph.gateway.url, (samples) =>
      expect(samples.has('liaison_graphql_operation_duration_seconds_count{service="gateway",operation="other",outcome="ok"}')).toBe(true),
    );
    const operations = new Set(
      [...samples.keys()]
        .filter((name) => name.startsWith('liaison_graphql_operation_duration_seconds_count{service="gateway"'))
        .map((name) => /operation="([^"]*)"/.exec(name)![1]),
    );
    expect(operations.size).toBeLessThanOrEqual(LABEL_VALUES_LIMIT + 1);
    expect(operations).toContain("other");
  });
});

describe("in production", () => {
  it("/metrics is served on the management port, not the public one", async () => {
    const observability = { ...testObservability(), metricsOnPublicPort: false };
    const gateway = await buildGateway({
      subgraphUrls: {},
      development: false,
      authenticate: callerAuthenticator(readAuthSettings({}, "development")),
      signingKey: await gatewaySigningKey(),
      observability,
    });
    const server = await gateway.listen("127.0.0.1", 0);
    const management = await startManagementServer(observability, "127.0.0.1", 0);
    try {
      expect((await fetch(new URL("/metrics", server.url))).status).toBe(404);
      await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: '{"query":"query Broken { x }"}' });
      await scrapeUntil(management.url, (samples) =>
        expect(sample(samples, 'liaison_graphql_operations_refused_total{service="gateway",code="GRAPHQL_VALIDATION_FAILED"}')).toBe(1),
      );
    } finally {
      await server.stop();
      await management.stop();
    }
  });
});
