import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SUBGRAPH_FETCH_FAILED, SubgraphDataSource, type VouchedContext } from "../../gateway/subgraph-data-source.ts";
import { ErrorCode } from "../../platform/graphql/error-codes.ts";

// The gateway's client for one subgraph, against a server that answers each
// path its own way: well, slowly, with an HTTP error or with something that
// is not JSON.

interface Received {
  authorization: string | undefined;
  body: unknown;
}

const received: Received[] = [];
const pending = new Set<ServerResponse>();

function answer(request: IncomingMessage, response: ServerResponse, body: string) {
  switch (request.url) {
    case "/graphql":
      received.push({ authorization: request.headers.authorization, body: JSON.parse(body) });
      response.writeHead(200, { "content-type": "application/json", "cache-control": "max-age=30, public" });
      return response.end(JSON.stringify({ data: { threatLevel: { level: "SEVERE" } } }));
    case "/slow":
      pending.add(response);
      return;
    case "/unauthorized":
      response.writeHead(401, { "content-type": "application/json" });
      return response.end(JSON.stringify({ errors: [{ message: "Subgraphs answer only the gateway.", extensions: { code: "UNAUTHENTICATED" } }] }));
    case "/forbidden":
      response.writeHead(403);
      return response.end();
    case "/bad-input":
      response.writeHead(400, { "content-type": "application/json" });
      return response.end(JSON.stringify({ errors: [{ message: "`since` is not a date.", extensions: { code: "BAD_USER_INPUT", argument: "since" } }] }));
    case "/bad-gateway":
      response.writeHead(502, { "content-type": "text/html" });
      return response.end("<html>Bad Gateway at 10.0.0.7</html>");
    case "/broken":
      response.writeHead(500, { "content-type": "text/plain" });
      return response.end("Internal Server Error");
    case "/not-json":
      response.writeHead(200, { "content-type": "application/json" });
      return response.end("{ data: ");
  }
}

let server: Server;
let origin: string;
const sources: SubgraphDataSource[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => answer(request, response, body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await Promise.all(sources.map((source) => source.close()));
  for (const response of pending) response.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function dataSource(url: string, timeoutMs?: number) {
  const issueToken = async (identity: { subject: string | null }, subgraph: string) => `${subgraph}-${identity.subject}`;
  const source = new SubgraphDataSource(url, "threat", issueToken, { timeoutMs });
  sources.push(source);
  return source;
}

function fetchThreatLevel(source: SubgraphDataSource) {
  const hints: unknown[] = [];
  const options = {
    kind: "incoming operation",
    request: { query: "{ threatLevel { level } }", variables: { scope: "NATIONAL" }, operationName: "Threat" },
    incomingRequestContext: { overallCachePolicy: { restrict: (hint: unknown) => hints.push(hint) } },
    context: { identity: { subject: "someone", roles: ["reader"] } },
  } as unknown as GraphQLDataSourceProcessOptions<VouchedContext>;
  return source.process(options).then((response) => ({ response, hints }));
}

describe("a subgraph fetch", () => {
  it("posts the operation with the caller's internal token and narrows the cache policy by the subgraph's hint", async () => {
    const { response, hints } = await fetchThreatLevel(dataSource(`${origin}/graphql`));
    expect(response).toEqual({ data: { threatLevel: { level: "SEVERE" } } });
    expect(hints).toEqual([{ maxAge: 30, scope: "PUBLIC" }]);
    expect(received.at(-1)).toEqual({
      authorization: "Bearer threat-someone",
      body: { query: "{ threatLevel { level } }", variables: { scope: "NATIONAL" }, operationName: "Threat" },
    });
  });

  it.each([
    ["a refusal of the gateway's token", "/unauthorized", { message: "Subgraphs answer only the gateway.", extensions: { code: "UNAUTHENTICATED" } }],
    ["a client error of its own", "/bad-input", { message: "`since` is not a date.", extensions: { code: "BAD_USER_INPUT", argument: "since" } }],
  ])("that gets %s answers the subgraph's own error, code and all", async (_, path, error) => {
    const { response, hints } = await fetchThreatLevel(dataSource(`${origin}${path}`));
    expect(response).toEqual({ errors: [error] });
    expect(hints).toEqual([]);
  });

  it.each([
    ["a server error without a GraphQL answer", "/broken", ErrorCode.SUBGRAPH_UNAVAILABLE],
    ["a proxy's error page", "/bad-gateway", ErrorCode.SUBGRAPH_UNAVAILABLE],
    ["no answer before the deadline", "/slow", ErrorCode.SUBGRAPH_UNAVAILABLE],
    ["a refusal without a body", "/forbidden", ErrorCode.FORBIDDEN],
    ["an answer that is not JSON", "/not-json", SUBGRAPH_FETCH_FAILED],
  ])("that gets %s answers an error with a code, and no data", async (_, path, code) => {
    const { response, hints } = await fetchThreatLevel(dataSource(`${origin}${path}`, 200));
    expect(response.data).toBeUndefined();
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0]!.extensions?.code).toBe(code);
    expect(response.errors![0]!.message).not.toMatch(/127\.0\.0\.1|10\.0\.0\.7|\n\s+at /);
    expect(hints).toEqual([]);
  });

  it("to a subgraph that is down answers SUBGRAPH_UNAVAILABLE, naming no address", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const { response } = await fetchThreatLevel(dataSource(`http://127.0.0.1:${port}/graphql`));
    expect(response.errors).toEqual([
      {
        message: "The threat subgraph is unavailable; the rest of the answer stands. Try again shortly.",
        extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE },
      },
    ]);
  });
});
