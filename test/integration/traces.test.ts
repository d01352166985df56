import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTracing, type Tracing } from "../../platform/observability/tracing.ts";
import { DASHBOARD } from "../support/dashboard-operation.ts";
import { isChangeFeedRead, startTestSupergraph, type TestSupergraph } from "../support/test-supergraph.ts";

// With tracing on, one dashboard operation is one trace: the gateway's
// request, its plan and fetches, each subgraph's execution and its SQL,
// joined across the servers' HTTP hops by traceparent.

const exporter = new InMemorySpanExporter();
let tracing: Tracing;
let liaison: TestSupergraph;

beforeAll(async () => {
  tracing = await startTracing({ serviceName: "liaison-test", exporter });
  liaison = await startTestSupergraph();
});
afterAll(async () => {
  await liaison?.stop();
  await tracing?.stop();
});

const SUBGRAPHS = ["agencies", "news", "relationships", "threat"];

// The dashboard, with the news feed beside it: an agency's latest news is
// answered from memory, the feed from SQL.
const TRACED_DASHBOARD = DASHBOARD.replace(/\}\s*$/, "  news(first: 2) { edges { node { title } } }\n}\n");

describe("a traced dashboard operation", () => {
  it("is one trace reaching four subgraphs and their SQL", async () => {
    exporter.reset();
    liaison.statements.length = 0;
    const response = await liaison.query(TRACED_DASHBOARD, undefined, { headers: { "x-request-id": "traced-dashboard" } });
    expect(response.body.errors).toBeUndefined();

    // The gateway's server span ends once its response is sent.
    const gateway = await vi.waitFor(() => {
      const span = exporter.getFinishedSpans().find((span) => span.attributes["liaison.service"] === "gateway");
      if (!span) throw new Error("the gateway's span has not ended yet");
      return span;
    });
    const { traceId } = gateway.spanContext();
    const spans = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
    const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
    const parentOf = (span: ReadableSpan) => (span.parentSpanId ? byId.get(span.parentSpanId) : undefined);
    const ancestors = (span: ReadableSpan) => {
      const chain: ReadableSpan[] = [];
      for (let parent = parentOf(span); parent; parent = parentOf(parent)) chain.push(parent);
      return chain;
    };

    // One tree: every span but the gateway's own has its parent in the trace.
    expect(gateway.parentSpanId).toBeUndefined();
    for (const span of spans) if (span !== gateway) expect(parentOf(span), span.name).toBeDefined();

    // Apollo Gateway's request and plan, inside the gateway's request.
    for (const name of ["gateway.request", "gateway.plan", "gateway.execute"]) {
      const span = spans.find((each) => each.name === name);
      expect(span, name).toBeDefined();
      expect(ancestors(span!)).toContain(gateway);
    }

    // A fetch from each subgraph, which the subgraph served as a child of it.
    const fetches = spans.filter((span) => span.attributes["liaison.subgraph"] !== undefined);
    expect(new Set(fetches.map((span) => span.attributes["liaison.subgraph"]))).toEqual(new Set(SUBGRAPHS));
    const served = spans.filter((span) => span.attributes["liaison.service"] !== undefined && span !== gateway);
    expect(new Set(served.map((span) => span.attributes["liaison.service"]))).toEqual(new Set(SUBGRAPHS));
    for (const span of served) {
      const fetch = parentOf(span)!;
      expect(fetch.attributes["liaison.subgraph"]).toBe(span.attributes["liaison.service"]);
      expect(span.attributes["http.response.status_code"]).toBe(200);
    }

    // Every SQL statement the operation ran is a span within the execution of
    // the subgraph that ran it. (Relationships answers partners, agencies
    // their names, threat its level and news an agency's latest from memory;
    // emergency contacts and the news feed are read.)
    // The gateway's read of the feed's latest sequence is a span too, outside any subgraph.
    const statements = spans.filter(
      (span) => typeof span.attributes["db.query.text"] === "string" && !isChangeFeedRead(span.attributes["db.query.text"]),
    );
    expect(statements.map((span) => span.attributes["db.query.text"]).sort()).toEqual([...liaison.statements].sort());
    const subgraphsWithSql = new Set(
      statements.map((statement) => ancestors(statement).find((span) => served.includes(span))?.attributes["liaison.service"]),
    );
    expect(subgraphsWithSql).toEqual(new Set(["news", "threat"]));
  });

  it("continues the trace a caller's traceparent names, the gateway's span a child of the caller's", async () => {
    exporter.reset();
    const callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
    await liaison.query(`{ threatLevel { level } }`, undefined, { headers: { traceparent: `00-${callerTrace}-00f067aa0ba902b7-01` } });
    const gateway = await vi.waitFor(() => {
      const span = exporter.getFinishedSpans().find((span) => span.attributes["liaison.service"] === "gateway");
      if (!span) throw new Error("the gateway's span has not ended yet");
      return span;
    });
    expect(gateway.spanContext().traceId).toBe(callerTrace);
    expect(gateway.parentSpanId).toBe("00f067aa0ba902b7");
  });
});
