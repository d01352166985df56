import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { subgraphs } from "../../supergraph/registry.ts";
import { capturingLogger, LogCapture, testObservability, type LogLine } from "../support/test-logs.ts";
import { startTestSupergraph, type TestSupergraph } from "../support/test-supergraph.ts";

// What an operator reads: one JSON line per request, naming it, and the
// subgraph fetches it made, joined by its request id and trace.

const capture = new LogCapture();
let liaison: TestSupergraph;

beforeAll(async () => {
  liaison = await startTestSupergraph({ observability: testObservability(capturingLogger(capture, "debug")) });
});
afterAll(() => liaison?.stop());

const DASHBOARD = /* GraphQL */ `
  query Dashboard {
    threatLevel { level }
    agency(slug: "mi5") { name partners { slug } news(first: 2) { title } }
  }
`;

const linesOf = (requestId: string) => capture.lines.filter((line) => line.requestId === requestId);

/** The gateway's line for a request, once written (it is written after the response is sent). */
async function gatewayLine(requestId: string): Promise<LogLine> {
  return vi.waitFor(() => {
    const line = linesOf(requestId).find((line) => line.service === "gateway" && line.msg === "request");
    if (!line) throw new Error(`no gateway line for ${requestId}`);
    return line;
  });
}

describe("each request", () => {
  it("is one line with its id (echoed back), operation, status, duration and caller, and never the token", async () => {
    const token = await liaison.tokenFor("reader", "rob-reader");
    const response = await liaison.query(DASHBOARD, undefined, { token, headers: { "x-request-id": "dashboard-42" } });
    expect(response.body.errors).toBeUndefined();
    expect(response.headers.get("x-request-id")).toBe("dashboard-42");

    const line = await gatewayLine("dashboard-42");
    expect(line).toMatchObject({
      level: 30,
      service: "gateway",
      method: "POST",
      path: "/graphql",
      status: 200,
      operation: "Dashboard",
      subject: "rob-reader",
    });
    expect(line.durationMs).toEqual(expect.any(Number));
    expect(line.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(line).not.toHaveProperty("errorCodes");
    expect(linesOf("dashboard-42").filter((each) => each.service === "gateway" && each.msg === "request")).toHaveLength(1);
    const everything = JSON.stringify(capture.lines);
    expect(everything).not.toContain(token);
    expect(everything).not.toMatch(/bearer/i);
  });

  it("passes its id and trace to every subgraph it fetches from, whose lines carry them", async () => {
    await liaison.query(DASHBOARD, undefined, { headers: { "x-request-id": "dashboard-43" } });
    const { traceId } = await gatewayLine("dashboard-43");
    const fetches = linesOf("dashboard-43").filter((line) => line.msg === "subgraph fetch");
    expect(new Set(fetches.map((line) => line.subgraph))).toEqual(new Set(["threat", "agencies", "relationships", "news"]));
    for (const fetch of fetches) {
      expect(fetch.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-[0-9a-f]{2}$`));
      // Routine detail: an operator's info-level log is one line per request.
      expect(fetch.level).toBe(20);
    }

    const served = await vi.waitFor(() => {
      const lines = linesOf("dashboard-43").filter((line) => line.service !== "gateway" && line.msg === "request");
      if (lines.length < fetches.length) throw new Error(`the subgraphs have not all logged yet: ${JSON.stringify(linesOf("dashboard-43"))}`);
      return lines;
    });
    expect(served.map((line) => line.service).every((name) => subgraphs.some((subgraph) => subgraph.name === name))).toBe(true);
    for (const line of served) expect(line).toMatchObject({ traceId, status: 200, path: "/graphql" });
  });

  it("keeps a caller's trace: the trace id of its traceparent", async () => {
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    await liaison.query(`{ threatLevel { level } }`, undefined, {
      headers: { "x-request-id": "traced-1", traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(await gatewayLine("traced-1")).toMatchObject({ traceId, operation: null });
  });

  it("gets a new id when it brings none or one that is not plain", async () => {
    const response = await liaison.query(`{ threatLevel { level } }`, undefined, { headers: { "x-request-id": "not plain; " + "x".repeat(200) } });
    const id = response.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await gatewayLine(id!)).toMatchObject({ status: 200 });
  });

  it("that is refused names the codes it was refused with, and no stack", async () => {
    const response = await liaison.query(`query Broken { nothingHere }`, undefined, { headers: { "x-request-id": "broken-1" } });
    expect(response.status).toBe(400);
    expect(await gatewayLine("broken-1")).toMatchObject({
      status: 400,
      operation: "Broken",
      errorCodes: ["GRAPHQL_VALIDATION_FAILED"],
      refused: true,
    });
    expect(JSON.stringify(linesOf("broken-1"))).not.toContain("stack");
  });
});
