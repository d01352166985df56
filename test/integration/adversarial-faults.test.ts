import { once } from "node:events";
import { connect } from "node:net";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { internalTokenVerifier } from "../../platform/auth/internal-token.ts";
import { buildSubgraphServer } from "../../platform/subgraph-server.ts";
import { findSubgraph } from "../../supergraph/registry.ts";
import { withErrorLog } from "../support/error-log.ts";
import { errorOf } from "../support/responses.ts";
import { testObservability } from "../support/test-logs.ts";
import { startTestSupergraph, type TestSupergraph } from "../support/test-supergraph.ts";

// A client's own mistakes, and outages, through a gateway configured as in
// production (internal errors masked): each gets its own code, never
// INTERNAL_SERVER_ERROR, and nothing is written.

let liaison: TestSupergraph;
let editor: string;
let admin: string;

beforeAll(async () => {
  liaison = await startTestSupergraph({ production: true });
  editor = await liaison.tokenFor("editor");
  admin = await liaison.tokenFor("admin");
});
afterAll(() => liaison?.stop());

const NUL = "\u0000";

async function rowCounts() {
  const [agencies, audit] = await Promise.all([liaison.prisma.agency.count(), liaison.prisma.auditEntry.count()]);
  return { agencies, audit };
}

describe("text the database cannot store", () => {
  it.each([
    ["a literal", `{ agencies(search: "mi\\u00005") { totalCount } }`, undefined],
    ["a variable", `query($s: String) { agencies(search: $s) { totalCount } }`, { s: `mi${NUL}5` }],
    ["an id", `query($id: ID) { agency(id: $id) { slug } }`, { id: NUL }],
  ])("in %s is BAD_USER_INPUT naming the argument", async (_, query, variables) => {
    const response = await liaison.query(query, variables);
    expect(response.status).toBe(400);
    expect(errorOf(response)).toMatchObject({ code: "BAD_USER_INPUT", argument: expect.stringMatching(/^(search|id)$/) });
    expect(response.body.data).toBeUndefined();
  });

  it("in a mutation's input is BAD_USER_INPUT naming the field, and writes nothing", async () => {
    const before = await rowCounts();
    const response = await liaison.query(
      `mutation($input: CreateAgencyInput!) { createAgency(input: $input) { id } }`,
      { input: { slug: "nul-agency", name: `Nul${NUL}Agency`, kind: "OTHER", jurisdiction: "UNITED_KINGDOM", description: "x" } },
      { token: editor },
    );
    expect(errorOf(response)).toMatchObject({ code: "BAD_USER_INPUT", argument: "input.name" });
    expect(await rowCounts()).toEqual(before);
  });

  it("sent straight to a subgraph is still BAD_USER_INPUT, the database's refusal mapped", async () => {
    const response = await liaison.querySubgraph(
      "agencies",
      `query($s: String) { agencies(search: $s) { totalCount } }`,
      { s: `mi${NUL}5` },
      { token: await liaison.gatewayTokenFor("agencies") },
    );
    expect(errorOf(response)).toMatchObject({ code: "BAD_USER_INPUT" });
    expect(errorOf(response).message).not.toMatch(/SELECT|invalid byte sequence/);
  });
});

describe("scalars a client got wrong", () => {
  const TRAIL = (since: string) => `{ auditTrail(since: ${since}) { totalCount } }`;

  it.each([
    ["a literal", TRAIL(`"notadate"`), undefined],
    ["a variable", `query($since: DateTime) { auditTrail(since: $since) { totalCount } }`, { since: "notadate" }],
    ["a date without a time", TRAIL(`"2026-01-31"`), undefined],
  ])("a DateTime given as %s that is not one is BAD_USER_INPUT naming the argument", async (_, query, variables) => {
    const response = await liaison.query(query, variables, { token: admin });
    expect(errorOf(response)).toMatchObject({ code: "BAD_USER_INPUT", argument: "since" });
    expect(errorOf(response).message).toContain("date-time");
  });

  it("a DateTime inside a mutation's input names the input field, and writes nothing", async () => {
    const before = await rowCounts();
    const response = await liaison.query(
      `mutation($input: SetThreatLevelInput!) { setThreatLevel(input: $input) { id } }`,
      { input: { scope: "NATIONAL", level: "LOW", reason: "A test.", since: "yesterday", expectedVersion: 1, idempotencyKey: "bad-date" } },
      { token: admin },
    );
    expect(errorOf(response)).toMatchObject({ code: "BAD_USER_INPUT", argument: "input.since" });
    expect(await rowCounts()).toEqual(before);
    expect(await liaison.prisma.threatAssessment.count({ where: { level: "LOW" } })).toBe(0);
  });

  it("a well-formed DateTime still reaches the subgraph", async () => {
    const response = await liaison.query(TRAIL(`"2020-01-01T00:00:00Z"`), undefined, { token: admin });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.auditTrail.totalCount).toBeGreaterThanOrEqual(0);
  });

  it.each([
    [`{ agency(id: "not-a-uuid") { slug } }`, "id"],
    [`{ agencies(first: 101) { totalCount } }`, "first"],
    [`{ agencies(last: 1000) { totalCount } }`, "last"],
    [`{ relationships(first: 5000) { totalCount } }`, "first"],
  ])("%s is BAD_USER_INPUT naming `%s`", async (query, argument) => {
    expect(errorOf(await liaison.query(query))).toMatchObject({ code: "BAD_USER_INPUT", argument });
  });
});

describe("search", () => {
  it.each(["%", "_", "m_5", "%5"])("matches %j literally, not as a pattern", async (search) => {
    const response = await liaison.query(`query($s: String) { agencies(search: $s) { totalCount } }`, { s: search });
    expect(response.body).toEqual({ data: { agencies: { totalCount: 0 } } });
  });

  it("still finds what the text names", async () => {
    const response = await liaison.query(`{ agencies(search: "mi5") { edges { node { slug } } } }`);
    expect(response.body.data.agencies.edges.map((edge: { node: { slug: string } }) => edge.node.slug)).toContain("mi5");
  });
});

describe("tokens with unbounded lives", () => {
  const now = () => Math.floor(Date.now() / 1000);

  it("refuses a caller's token living a hundred years, and one issued in the future, saying why", async () => {
    const sign = (iat: number, exp: number) =>
      new SignJWT({ roles: ["admin"] })
        .setProtectedHeader({ alg: "HS256" })
        .setSubject("long-lived")
        .setIssuer(liaison.auth.issuer)
        .setAudience(liaison.auth.audience)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(new TextEncoder().encode(liaison.auth.jwtSecret));
    for (const [token, message] of [
      [await sign(now(), now() + 100 * 365 * 86_400), /lives longer than the 24 h allowed/],
      [await sign(now() + 86_400, now() + 90_000), /issue time \(iat\) is in the future/],
    ] as const) {
      const response = await liaison.query(`{ agency(slug: "mi5") { name } }`, undefined, { token });
      expect(response.status).toBe(401);
      expect(errorOf(response)).toMatchObject({ code: "UNAUTHENTICATED", message: expect.stringMatching(message) });
    }
  });

  it("refuses, at a subgraph, an internal token living ten years or naming several subgraphs", async () => {
    const sign = (audience: string | string[], lifetime: number) =>
      new SignJWT({ roles: ["admin"] })
        .setProtectedHeader({ alg: "EdDSA", kid: liaison.supergraph.signingKey.jwks.keys[0]!.kid! })
        .setIssuer("liaison-gateway")
        .setAudience(audience)
        .setSubject("forged")
        .setIssuedAt(now())
        .setExpirationTime(now() + lifetime)
        .sign(liaison.supergraph.signingKey.privateKey);
    for (const token of [await sign("audit", 10 * 365 * 86_400), await sign(["audit", "agencies"], 60)]) {
      const response = await liaison.querySubgraph("audit", `{ auditTrail { totalCount } }`, undefined, { token });
      expect(response.status).toBe(401);
      expect(errorOf(response).code).toBe("UNAUTHENTICATED");
    }
    const issued = await liaison.gatewayTokenFor("audit", "admin");
    expect((await liaison.querySubgraph("audit", `{ auditTrail { totalCount } }`, undefined, { token: issued })).status).toBe(200);
  });
});

describe("what production shows", () => {
  it("serves no landing page and no version banner, on the gateway or a subgraph", async () => {
    for (const url of [liaison.supergraph.gateway.url, liaison.supergraph.subgraphs.agencies!.url]) {
      const page = await fetch(url, { headers: { accept: "text/html" } });
      const body = await page.text();
      expect(body, url).not.toMatch(/<!doctype|<html|landing/i);
      const answer = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      for (const response of [page, answer]) {
        expect(response.headers.get("x-powered-by"), url).toBeNull();
        expect(response.headers.get("server"), url).toBeNull();
      }
    }
  });
});

describe("requests Apollo Server refuses before running them", () => {
  const threat = "{ threatLevel { level } }";

  it.each([
    ["an operationName the document does not hold", `query A ${threat}`, "B", /no operation named "B"/],
    ["several operations and no operationName", `query A ${threat} query B ${threat}`, undefined, /several operations/],
  ])("%s is OPERATION_RESOLUTION_FAILURE with HTTP 400, logged as no internal error", async (_, query, operationName, message) => {
    const { result: response, logged } = await withErrorLog(() => liaison.query(query, undefined, { operationName }));
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: [{ message: expect.stringMatching(message), extensions: { code: "OPERATION_RESOLUTION_FAILURE" } }] });
    expect(logged).toEqual([]);
  });

  it.each([
    ["a hash that is not the text's", { version: 1, sha256Hash: "0".repeat(64) }, "provided sha does not match query"],
    ["an unknown version", { version: 2, sha256Hash: "0".repeat(64) }, "Unsupported persisted query version"],
  ])("a persisted query with %s is BAD_REQUEST with HTTP 400", async (_, persistedQuery, message) => {
    const { result: response, logged } = await withErrorLog(() => liaison.query(threat, undefined, { extensions: { persistedQuery } }));
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: [{ message, extensions: { code: "BAD_REQUEST" } }] });
    expect(logged).toEqual([]);
  });
});

describe("a slow client", () => {
  it("is cut once it has taken longer than the headers timeout, the server answering 408", async () => {
    const { subgraph } = await findSubgraph("threat")!.load();
    const server = await buildSubgraphServer(subgraph, {
      prisma: liaison.prisma,
      development: false,
      authenticateCaller: internalTokenVerifier("threat", liaison.supergraph.signingKey.jwks),
      observability: testObservability(),
      timeouts: { headersMs: 500, requestMs: 1_000, keepAliveMs: 500 },
    });
    const running = await server.listen("127.0.0.1", 0);
    try {
      const socket = connect(running.port, "127.0.0.1");
      await once(socket, "connect");
      socket.write("POST /graphql HTTP/1.1\r\nHost: liaison\r\nContent-Type: appl");
      let received = "";
      socket.on("data", (chunk) => (received += chunk));
      await once(socket, "close");
      expect(received).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      await running.stop();
    }
  });
});

// Last: it stops a subgraph of this file's supergraph.
describe("a subgraph that is down", () => {
  it("gives SUBGRAPH_UNAVAILABLE for its fields, naming no address, and the rest of the answer", async () => {
    await liaison.supergraph.subgraphs.news!.stop();
    const response = await liaison.query(`{ agency(slug: "mi5") { name news(first: 2) { title } } threatLevel { level } }`);
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ agency: { name: "MI5", news: null }, threatLevel: { level: "SEVERE" } });
    const error = errorOf(response);
    expect(error.code).toBe("SUBGRAPH_UNAVAILABLE");
    expect(JSON.stringify(response.body.errors)).not.toMatch(/127\.0\.0\.1|http:|ECONNREFUSED|stacktrace/);
  });

  it("gives SUBGRAPH_UNAVAILABLE when it is the whole answer", async () => {
    const response = await liaison.query(`{ news(first: 2) { edges { node { title } } } }`);
    expect(errorOf(response).code).toBe("SUBGRAPH_UNAVAILABLE");
    expect(response.body.data).toBeNull();
  });
});
