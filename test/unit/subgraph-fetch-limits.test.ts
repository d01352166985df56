import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOperationBudget } from "../../gateway/operation-budget.ts";
import { entityBatches, SubgraphDataSource, type VouchedContext } from "../../gateway/subgraph-data-source.ts";
import { ErrorCode } from "../../platform/graphql/error-codes.ts";

// What bounds the gateway's fetches for one operation: its budget (a
// deadline and a cap on the bytes its subgraphs answer) and `_entities`
// batches a subgraph accepts. Against a server that answers each path its
// own way; through the whole supergraph: adversarial-cost.test.ts.

const bodies: { path: string; bytes: number; representations?: number }[] = [];
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      const parsed = JSON.parse(body) as { variables?: { representations?: { id: string }[] } };
      const representations = parsed.variables?.representations;
      bodies.push({ path: request.url!, bytes: body.length, ...(representations && { representations: representations.length }) });
      if (request.url === "/slow") return; // never answers
      response.writeHead(200, { "content-type": "application/json" });
      if (request.url === "/large") return response.end(JSON.stringify({ data: { text: "x".repeat(100_000) } }));
      // Entities: each representation's id back, and an error for the ones named "bad".
      const errors = (representations ?? []).flatMap((representation, index) =>
        representation.id === "bad" ? [{ message: "bad id", path: ["_entities", index] }] : [],
      );
      const entities = (representations ?? []).map((representation) => (representation.id === "bad" ? null : { id: representation.id }));
      response.end(JSON.stringify({ data: { _entities: entities }, ...(errors.length && { errors }) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const sources: SubgraphDataSource[] = [];
afterAll(() => Promise.all(sources.map((source) => source.close())));

function dataSource(path: string, limits = { bytes: 256 * 1024, representations: 3 }) {
  const source = new SubgraphDataSource(`${origin}${path}`, "agencies", async () => "token", { timeoutMs: 10_000, entityBatch: limits });
  sources.push(source);
  return source;
}

function fetchEntities(source: SubgraphDataSource, ids: string[], context: VouchedContext = {}) {
  return source.process({
    kind: "incoming operation",
    request: {
      query: "query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Agency { id } } }",
      variables: { representations: ids.map((id) => ({ __typename: "Agency", id })) },
    },
    incomingRequestContext: { overallCachePolicy: { restrict: () => undefined } },
    context,
  } as unknown as GraphQLDataSourceProcessOptions<VouchedContext>);
}

describe("_entities batches", () => {
  it("keep the representations' order, within a count and a size, a too large one alone", () => {
    const items = ["a", "b", "c", "d", "e"].map((id) => ({ id }));
    expect(entityBatches(items, { bytes: 1_000, representations: 2 })).toEqual([[items[0], items[1]], [items[2], items[3]], [items[4]]]);
    const large = { id: "x".repeat(100) };
    expect(entityBatches([items[0], large, items[1]], { bytes: 50, representations: 10 })).toEqual([[items[0]], [large], [items[1]]]);
  });

  it("are fetched one after another and answered as one fetch, errors at their place in the whole", async () => {
    bodies.length = 0;
    const ids = ["1", "2", "3", "4", "bad", "6", "7"];
    const response = await fetchEntities(dataSource("/graphql"), ids);
    expect(bodies.map((body) => body.representations)).toEqual([3, 3, 1]);
    expect(response.data).toEqual({ _entities: ids.map((id) => (id === "bad" ? null : { id })) });
    expect(response.errors).toEqual([{ message: "bad id", path: ["_entities", 4] }]);
  });

  it("stay one fetch when the representations fit in one", async () => {
    bodies.length = 0;
    const response = await fetchEntities(dataSource("/graphql"), ["1", "2"]);
    expect(bodies).toHaveLength(1);
    expect(response.data).toEqual({ _entities: [{ id: "1" }, { id: "2" }] });
  });
});

describe("an operation's budget", () => {
  it("cancels a fetch still waiting at the operation's deadline, and the fetches after it", async () => {
    const context = {};
    const budget = startOperationBudget(context, { deadlineMs: 100, maxResponseBytes: 1_000_000 });
    const response = await fetchEntities(dataSource("/slow"), ["1"], context);
    expect(response.errors?.[0]?.extensions?.code).toBe(ErrorCode.OPERATION_TIMED_OUT);
    expect(budget.exhausted?.extensions).toEqual({ code: ErrorCode.OPERATION_TIMED_OUT, deadlineMs: 100 });
    bodies.length = 0;
    const later = await fetchEntities(dataSource("/graphql"), ["1"], context);
    expect(later.errors?.[0]?.extensions?.code).toBe(ErrorCode.OPERATION_TIMED_OUT);
    expect(bodies).toEqual([]);
  });

  it("stops reading answers once they add up to more than one response may hold", async () => {
    const context = {};
    const budget = startOperationBudget(context, { deadlineMs: 10_000, maxResponseBytes: 10_000 });
    const response = await fetchEntities(dataSource("/large"), ["1"], context);
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0]?.extensions).toEqual({ code: ErrorCode.RESPONSE_TOO_LARGE, maxBytes: 10_000 });
    expect(budget.signal.aborted).toBe(true);
  });

  it("leaves an operation within it untouched", async () => {
    const context = {};
    const budget = startOperationBudget(context, { deadlineMs: 10_000, maxResponseBytes: 1_000_000 });
    const response = await fetchEntities(dataSource("/graphql"), ["1", "2", "3", "4"], context);
    expect(response.errors).toBeUndefined();
    expect(budget.exhausted).toBeUndefined();
  });
});
