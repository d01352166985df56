import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ErrorCode } from "../../platform/graphql/error-codes.ts";
import { subscribe, type LiveError } from "../support/live-clients.ts";
import { startTestSupergraph, type TestSupergraph } from "../support/test-supergraph.ts";

// A dashboard pins its operations in a manifest as
// @apollo/generate-persisted-query-manifest writes it, and sends them by id.

const BANNER = `query Banner { threatLevel { level } }`;
const PARTNERS = `query Partners { agency(slug: "mi5") { partners { slug } } }`;
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

const folder = mkdtempSync(join(tmpdir(), "liaison-manifest-"));
const manifest = join(folder, "persisted-query-manifest.json");
writeFileSync(
  manifest,
  JSON.stringify({
    format: "apollo-persisted-query-manifest",
    version: 1,
    operations: [
      { id: sha256(BANNER), name: "Banner", type: "query", body: BANNER },
      { id: "partners-v1", name: "Partners", type: "query", body: PARTNERS },
    ],
  }),
);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function post(liaison: TestSupergraph, body: Record<string, unknown>) {
  const response = await fetch(liaison.supergraph.gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

const byId = (id: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: id } } });

describe("with a manifest", () => {
  let liaison: TestSupergraph;
  beforeAll(async () => {
    liaison = await startTestSupergraph({ browserEnv: { PERSISTED_OPERATIONS: manifest } });
  });
  afterAll(() => liaison?.stop());

  it("runs a manifest's operations by id, whatever the id", async () => {
    expect((await post(liaison, byId(sha256(BANNER)))).body).toEqual({ data: { threatLevel: { level: "SEVERE" } } });
    const partners = await post(liaison, byId("partners-v1"));
    expect(partners.body.data.agency.partners).toContainEqual({ slug: "home-office" });
  });

  it("answers an unknown id with PERSISTED_QUERY_NOT_FOUND", async () => {
    const { body } = await post(liaison, byId(sha256("query Unknown { threatLevels { level } }")));
    expect(body.errors[0].extensions.code).toBe(ErrorCode.PERSISTED_QUERY_NOT_FOUND);
  });

  it("keeps automatic persisted queries and free-form operations", async () => {
    const query = "{ threatLevels { level } }";
    const registered = await post(liaison, { query, ...byId(sha256(query)) });
    expect(registered.body.data.threatLevels).toHaveLength(5);
    expect((await post(liaison, byId(sha256(query)))).body.data.threatLevels).toHaveLength(5);
    expect((await post(liaison, { query })).body.data.threatLevels).toHaveLength(5);
  });
});

describe("accepting only safelisted operations (PERSISTED_OPERATIONS_ONLY=true)", () => {
  let liaison: TestSupergraph;
  beforeAll(async () => {
    liaison = await startTestSupergraph({ browserEnv: { PERSISTED_OPERATIONS: manifest, PERSISTED_OPERATIONS_ONLY: "true" } });
  });
  afterAll(() => liaison?.stop());

  it("runs the manifest's operations, by id or as their exact text", async () => {
    expect((await post(liaison, byId(sha256(BANNER)))).body).toEqual({ data: { threatLevel: { level: "SEVERE" } } });
    expect((await post(liaison, { query: BANNER })).body).toEqual({ data: { threatLevel: { level: "SEVERE" } } });
  });

  it("refuses any other operation with its own code, before it is parsed or runs", async () => {
    const mutation = `mutation { archiveAgency(input: { id: "00000000-0000-0000-0000-000000000000", version: 1 }) { id } }`;
    // Neither a field the schema lacks nor text that does not parse is named as such: a refusal tells nothing of the schema.
    for (const query of ["{ threatLevels { level } }", mutation, "{ threatLevl { level } }", "{ threatLevel {"]) {
      const { status, body } = await post(liaison, { query });
      expect(status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors, query).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: ErrorCode.PERSISTED_QUERY_NOT_IN_LIST }) })]);
    }
    // Counted once each response has been sent.
    await vi.waitFor(async () => {
      const metrics = await (await fetch(new URL("/metrics", liaison.supergraph.gateway.url))).text();
      expect(metrics).toContain('liaison_graphql_operations_refused_total{service="gateway",code="PERSISTED_QUERY_NOT_IN_LIST"} 4');
    });
  });

  it("refuses other text sent by GET too, and runs a listed one", async () => {
    const get = async (query: string) => {
      const url = new URL(liaison.supergraph.gateway.url);
      url.searchParams.set("query", query);
      const response = await fetch(url, { headers: { "apollo-require-preflight": "true" } });
      return { status: response.status, body: await response.json() };
    };
    const refused = await get("{ threatLevels { level } }");
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].extensions.code).toBe(ErrorCode.PERSISTED_QUERY_NOT_IN_LIST);
    expect((await get(BANNER)).body).toEqual({ data: { threatLevel: { level: "SEVERE" } } });
  });

  it.each(["websocket", "sse"] as const)("refuses over %s a subscription outside the manifests", async (transport) => {
    const subscription = subscribe(transport, liaison.supergraph.gateway.url, { query: "subscription { threatLevelChanged { sequence } }" }, await liaison.tokenFor("reader"));
    const refusal = await subscription.next().then(
      (result) => result.errors?.[0],
      (error: LiveError) => error.errors?.[0],
    );
    await subscription.close();
    expect(refusal?.extensions?.code).toBe(ErrorCode.PERSISTED_QUERY_NOT_IN_LIST);
  });

  it("lets no client register an operation of its own", async () => {
    const query = "{ threatLevels { level } }";
    expect((await post(liaison, { query, ...byId(sha256(query)) })).body.errors[0].extensions.code).toBe(ErrorCode.PERSISTED_QUERY_NOT_IN_LIST);
    expect((await post(liaison, byId(sha256(query)))).body.errors[0].extensions.code).toBe(ErrorCode.PERSISTED_QUERY_NOT_FOUND);
  });
});
