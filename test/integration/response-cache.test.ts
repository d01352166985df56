import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CACHE_STATUS_HEADER } from "../../gateway/response-cache/response-cache.ts";
import { internalTokenVerifier } from "../../platform/auth/internal-token.ts";
import { ChangeFeed } from "../../platform/changes/change-feed.ts";
import { prismaChangeLog } from "../../platform/changes/change-log.ts";
import { recordChange } from "../../platform/changes/record-change.ts";
import { createPrismaClient, type PrismaClient } from "../../platform/database/prisma.ts";
import type { RunningServer } from "../../platform/http/graphql-server.ts";
import { buildSubgraphServer } from "../../platform/subgraph-server.ts";
import { findSubgraph } from "../../supergraph/registry.ts";
import { testObservability } from "../support/test-logs.ts";
import { startGatewayReplica, type GatewayReplica } from "../support/gateway-replica.ts";
import { scrape } from "../support/metrics-scrape.ts";
import { dataOf, errorCode, type GraphQLResponse } from "../support/responses.ts";
import { startTestSupergraph, type TestSupergraph } from "../support/test-supergraph.ts";

// The gateway's response cache over the real supergraph: what it answers
// from memory, and that no caller ever gets an answer a write has made old,
// through whichever replica, or an answer meant for another role.

let liaison: TestSupergraph;
/** A second replica over the same database, cache on, hearing of changes as replicas do. */
let replica: GatewayReplica;
let reader: string;
let editor: string;
let admin: string;

beforeAll(async () => {
  liaison = await startTestSupergraph({ responseCache: true });
  replica = await startGatewayReplica(liaison, { responseCache: true });
  [reader, editor, admin] = await Promise.all([liaison.tokenFor("reader"), liaison.tokenFor("editor"), liaison.tokenFor("admin")]);
});
afterAll(async () => {
  await replica?.stop();
  await liaison?.stop();
});

const cacheStatus = (response: GraphQLResponse) => response.headers.get(CACHE_STATUS_HEADER);

/** Runs `read` and answers it with the fetches the gateway sent subgraphs for it. */
async function counted(read: () => Promise<GraphQLResponse>) {
  const before = await subgraphFetches();
  const response = await read();
  return { response, fetches: (await subgraphFetches()) - before };
}

async function subgraphFetches(): Promise<number> {
  const samples = await scrape(liaison.supergraph.gateway.url);
  return [...samples]
    .filter(([name]) => name.startsWith("liaison_subgraph_fetch_duration_seconds_count{"))
    .reduce((sum, [, count]) => sum + count, 0);
}

const DASHBOARD = /* GraphQL */ `
  query Dashboard($slug: String!) {
    threatLevel { level }
    agency(slug: $slug) { id name partners { slug } news(first: 3) { title } }
  }
`;

describe("a repeated query", () => {
  it("is answered from memory, with no subgraph work, the same as the first time", async () => {
    const first = await counted(() => liaison.query(DASHBOARD, { slug: "gchq" }, { token: reader }));
    expect(cacheStatus(first.response)).toBe("miss");
    expect(first.fetches).toBeGreaterThan(0);
    const again = await counted(() => liaison.query(DASHBOARD, { slug: "gchq" }, { token: reader }));
    expect(cacheStatus(again.response)).toBe("hit");
    expect(again.fetches).toBe(0);
    expect(again.response.body).toEqual(first.response.body);
  });

  it("is another entry with other variables", async () => {
    await liaison.query(DASHBOARD, { slug: "gchq" });
    const other = await counted(() => liaison.query(DASHBOARD, { slug: "sis" }));
    expect(cacheStatus(other.response)).toBe("miss");
    expect(other.fetches).toBeGreaterThan(0);
    expect(dataOf(other.response).agency.name).toBe("Secret Intelligence Service");
  });

  it("keeps the Cache-Control the subgraphs gave it", async () => {
    const query = `{ threatLevel { level } emergencyContacts { purpose } }`;
    const first = await liaison.query(query);
    const again = await liaison.query(query);
    expect(cacheStatus(again)).toBe("hit");
    expect(again.headers.get("cache-control")).toBe(first.headers.get("cache-control"));
    expect(first.headers.get("cache-control")).toBe("max-age=60, public");
    const signedIn = await liaison.query(query, undefined, { token: reader });
    expect(cacheStatus(signedIn)).toBe("hit");
    expect(signedIn.headers.get("cache-control")).toBe("max-age=60, private");
  });

  it("is never kept when it failed", async () => {
    const query = `{ agency(id: "not-an-id") { name } }`;
    expect(errorCode(await liaison.query(query))).toBe("BAD_USER_INPUT");
    const again = await counted(() => liaison.query(query));
    expect(errorCode(again.response)).toBe("BAD_USER_INPUT");
    expect(cacheStatus(again.response)).toBe("miss");
  });

  it("is refused, not looked up, when the document holds no operation of the name given", async () => {
    const response = await liaison.query("query A { threatLevel { level } }", undefined, { operationName: "B" });
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe("OPERATION_RESOLUTION_FAILURE");
    expect(cacheStatus(response)).toBeNull();
  });

  it("is never a mutation", async () => {
    const { id, version } = dataOf(await liaison.query(`{ agency(slug: "nio") { id version } }`)).agency;
    const rename = `mutation($input: UpdateAgencyInput!) { updateAgency(input: $input) { name version } }`;
    const first = await liaison.query(rename, { input: { id, version, name: "NIO renamed once" } }, { token: editor });
    expect(dataOf(first).updateAgency.version).toBe(version + 1);
    expect(cacheStatus(first)).toBeNull();
    const replayed = await liaison.query(rename, { input: { id, version, name: "NIO renamed once" } }, { token: editor });
    expect(errorCode(replayed)).toBe("CONFLICT");
  });
});

describe("a read after a write through another replica", () => {
  /** Reads `query` through the replica until it is cached there, and answers its data. */
  async function cachedOnReplica(query: string, variables?: Record<string, unknown>, token?: string) {
    await replica.query(query, variables, { token });
    const again = await replica.query(query, variables, { token });
    expect(cacheStatus(again)).toBe("hit");
    return dataOf(again);
  }

  it("sees an agency's new name", async () => {
    const query = `query($slug: String!) { agency(slug: $slug) { id name version } }`;
    const before = (await cachedOnReplica(query, { slug: "fco" })).agency;
    const rename = `mutation($input: UpdateAgencyInput!) { updateAgency(input: $input) { name } }`;
    dataOf(await liaison.query(rename, { input: { id: before.id, version: before.version, name: "Foreign Office, renamed" } }, { token: editor }));
    const after = await replica.query(query, { slug: "fco" });
    expect(dataOf(after).agency.name).toBe("Foreign Office, renamed");
  });

  it("sees a relationship suspended, in the agency's links and in the relationship", async () => {
    const query = `query($slug: String!) { agency(slug: $slug) { relationships(direction: OUTGOING) { id status version } } }`;
    const [link] = (await cachedOnReplica(query, { slug: "mi5" })).agency.relationships.filter(
      (each: { status: string }) => each.status === "ACTIVE",
    );
    const byId = `query($id: ID!) { relationship(id: $id) { status } }`;
    await cachedOnReplica(byId, { id: link.id });
    const suspend = `mutation($input: SuspendRelationshipInput!) { suspendRelationship(input: $input) { status } }`;
    dataOf(await liaison.query(suspend, { input: { id: link.id, version: link.version, reason: "A cache test." } }, { token: editor }));
    const links = dataOf(await replica.query(query, { slug: "mi5" })).agency.relationships;
    expect(links.find((each: { id: string }) => each.id === link.id).status).toBe("SUSPENDED");
    expect(dataOf(await replica.query(byId, { id: link.id })).relationship.status).toBe("SUSPENDED");
  });

  it("sees an article's new title, in the feed and by its slug", async () => {
    const feed = `{ news(first: 100) { edges { node { id slug title version } } } }`;
    const [{ node: article }] = (await cachedOnReplica(feed)).news.edges;
    const bySlug = `query($slug: String!) { article(slug: $slug) { title } }`;
    await cachedOnReplica(bySlug, { slug: article.slug });
    const retitle = `mutation($input: UpdateArticleInput!) { updateArticle(input: $input) { title } }`;
    dataOf(await liaison.query(retitle, { input: { id: article.id, version: article.version, title: "A new title" } }, { token: editor }));
    const titles = dataOf(await replica.query(feed)).news.edges.map((edge: { node: { title: string } }) => edge.node.title);
    expect(titles).toContain("A new title");
    expect(dataOf(await replica.query(bySlug, { slug: article.slug })).article.title).toBe("A new title");
  });

  it("sees a new threat level", async () => {
    const query = `{ threatLevel { level version } }`;
    const before = (await cachedOnReplica(query)).threatLevel;
    const level = before.level === "SUBSTANTIAL" ? "SEVERE" : "SUBSTANTIAL";
    const set = `mutation($input: SetThreatLevelInput!) { setThreatLevel(input: $input) { level } }`;
    const input = { scope: "NATIONAL", level, reason: "A cache test.", expectedVersion: before.version, idempotencyKey: randomUUID() };
    dataOf(await liaison.query(set, { input }, { token: admin }));
    expect(dataOf(await replica.query(query)).threatLevel).toEqual({ level, version: before.version + 1 });
  });

  it("sees the audit trail's new entry", async () => {
    const query = `{ auditTrail(entityType: "Agency", first: 1) { totalCount } }`;
    const before = (await cachedOnReplica(query, undefined, admin)).auditTrail.totalCount;
    const { id, version } = dataOf(await liaison.query(`{ agency(slug: "mod") { id version } }`)).agency;
    const rename = `mutation($input: UpdateAgencyInput!) { updateAgency(input: $input) { name } }`;
    dataOf(await liaison.query(rename, { input: { id, version, name: "Defence, renamed" } }, { token: editor }));
    expect(dataOf(await replica.query(query, undefined, { token: admin })).auditTrail.totalCount).toBe(before + 1);
  });
});

describe("callers with different roles", () => {
  const trail = `{ auditTrail(first: 1) { totalCount } }`;

  it("never get each other's answers, whoever asked first", async () => {
    const asAdmin = await liaison.query(trail, undefined, { token: admin });
    expect(dataOf(asAdmin).auditTrail.totalCount).toBeGreaterThan(0);
    expect(cacheStatus(await liaison.query(trail, undefined, { token: admin }))).toBe("hit");
    for (const token of [reader, editor, undefined]) {
      const refused = await liaison.query(trail, undefined, { token });
      expect(errorCode(refused)).toBe("FORBIDDEN");
      expect(refused.body.data?.auditTrail ?? null).toBeNull();
      expect(cacheStatus(refused)).toBe("miss");
    }
    const otherAdmin = await liaison.tokenFor("admin", "another-admin");
    expect(cacheStatus(await liaison.query(trail, undefined, { token: otherAdmin }))).toBe("hit");
  });

  it("share answers within a role: readers signed in or not", async () => {
    const query = `{ agencies(first: 2, search: "cabinet") { edges { node { name } } } }`;
    await liaison.query(query);
    const signedIn = await counted(() => liaison.query(query, undefined, { token: reader }));
    expect(cacheStatus(signedIn.response)).toBe("hit");
    const asEditor = await counted(() => liaison.query(query, undefined, { token: editor }));
    expect(cacheStatus(asEditor.response)).toBe("miss");
    expect(asEditor.fetches).toBeGreaterThan(0);
  });
});

describe("a replica whose change notifications are lost", () => {
  let deaf: GatewayReplica;
  beforeAll(async () => {
    deaf = await startGatewayReplica(liaison, { responseCache: true, hearsChanges: false });
  });
  afterAll(() => deaf?.stop());

  /** Renames an agency as a writer in another process would: no notification reaches this one's feeds. */
  async function renameElsewhere(id: string, name: string) {
    await liaison.prisma.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ version: number }[]>`
        UPDATE agencies.agency SET name = ${name}, version = version + 1 WHERE id = ${id}::uuid RETURNING version`;
      await recordChange(tx, { entityType: "Agency", entityId: id, action: "agency.update", version: row!.version });
    });
  }

  it("catches up with the database before it serves from memory", async () => {
    const query = `query($slug: String!) { agency(slug: $slug) { id name } }`;
    await deaf.query(query, { slug: "home-office" });
    const cached = await deaf.query(query, { slug: "home-office" });
    expect(cacheStatus(cached)).toBe("hit");
    const before = deaf.feed.position;
    await renameElsewhere(dataOf(cached).agency.id, "Home Office, renamed elsewhere");
    const after = await deaf.query(query, { slug: "home-office" });
    expect(dataOf(after).agency.name).toBe("Home Office, renamed elsewhere");
    expect(cacheStatus(after)).toBe("miss");
    expect(deaf.feed.position).toBeGreaterThan(before);
  });
});

describe("a subgraph replica whose memory lags behind the feed", () => {
  let prisma: PrismaClient;
  let laggingFeed: ChangeFeed;
  let lagging: RunningServer;
  let gateway: GatewayReplica;

  beforeAll(async () => {
    // A second relationships subgraph, walking from its index in memory,
    // whose feed hears of another process's writes only when it catches up.
    prisma = createPrismaClient(liaison.database.url, { poolSize: 2 });
    laggingFeed = await ChangeFeed.start({ log: prismaChangeLog(prisma), pollIntervalMs: 60 * 60 * 1000 });
    const { subgraph } = await findSubgraph("relationships")!.load();
    const server = await buildSubgraphServer(subgraph, {
      prisma,
      development: true,
      authenticateCaller: internalTokenVerifier("relationships", liaison.supergraph.signingKey.jwks),
      changes: laggingFeed,
      observability: testObservability(),
    });
    lagging = await server.listen("127.0.0.1", 0);
    gateway = await startGatewayReplica(liaison, { responseCache: true, subgraphUrls: { relationships: lagging.url } });
  });
  afterAll(async () => {
    await gateway?.stop();
    await lagging?.stop();
    await laggingFeed?.stop();
    await prisma?.$disconnect();
  });

  const writer = fileURLToPath(new URL("../support/write-from-another-process.ts", import.meta.url));
  async function suspendFromAnotherProcess(input: Record<string, unknown>) {
    await promisify(execFile)(process.execPath, [writer, liaison.database.url, "suspend", JSON.stringify(input)]);
  }

  it("catches up to the change the gateway names before it answers from memory", async () => {
    const query = `query($slug: String!) { agency(slug: $slug) { neighbourhood(depth: 1) { edges { id status version } } } }`;
    // The walk follows active links only: a suspended one leaves it.
    const walksThrough = (response: GraphQLResponse, id: string) =>
      dataOf(response).agency.neighbourhood.edges.some((edge: { id: string }) => edge.id === id);
    await gateway.query(query, { slug: "gchq" });
    const cached = await gateway.query(query, { slug: "gchq" });
    expect(cacheStatus(cached)).toBe("hit");
    const [link] = dataOf(cached).agency.neighbourhood.edges;

    const before = laggingFeed.position;
    await suspendFromAnotherProcess({ id: link.id, version: link.version, reason: "Suspended elsewhere." });
    // The subgraph's feed has heard nothing, but the gateway names the suspension's sequence with its fetch.
    const after = await gateway.query(query, { slug: "gchq" });
    expect(cacheStatus(after)).toBe("miss");
    expect(walksThrough(after, link.id)).toBe(false);
    expect(laggingFeed.position).toBeGreaterThan(before);
  });

});
