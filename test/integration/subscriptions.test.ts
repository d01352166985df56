import { randomUUID } from "node:crypto";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { callerAuthenticator } from "../../gateway/authenticate.ts";
import { buildGateway } from "../../gateway/gateway-server.ts";
import { OPERATION_LIMITS } from "../../gateway/operation-limits.ts";
import { mintDevelopmentToken } from "../../platform/auth/development-token.ts";
import { internalTokenVerifier } from "../../platform/auth/internal-token.ts";
import { ChangeFeed } from "../../platform/changes/change-feed.ts";
import { changeLog } from "../../platform/changes/change-log.ts";
import { EMBEDDED_POOL_SIZE } from "../../platform/database/embedded-postgres.ts";
import { createPrismaClient } from "../../platform/database/prisma.ts";
import type { RunningServer } from "../../platform/http/graphql-server.ts";
import { buildSubgraphServer } from "../../platform/subgraph-server.ts";
import { findSubgraph } from "../../supergraph/registry.ts";
import { withErrorLog } from "../support/error-log.ts";
import { testObservability } from "../support/test-logs.ts";
import { connectWebSocket, subscribe, type LiveError, type LiveSubscription, type Transport } from "../support/live-clients.ts";
import { dataOf, errorCode } from "../support/responses.ts";
import { postGraphQL, startTestSupergraph, type TestSupergraph } from "../support/test-supergraph.ts";

// Subscriptions through the gateway, over real WebSocket and SSE clients,
// fed by writes made through the gateway like any client's.

let liaison: TestSupergraph;
let reader: string;
let editor: string;
let admin: string;
let mi5: string;
const open: LiveSubscription[] = [];

beforeAll(async () => {
  liaison = await startTestSupergraph();
  [reader, editor, admin] = await Promise.all([
    liaison.tokenFor("reader"),
    liaison.tokenFor("editor"),
    liaison.tokenFor("admin"),
  ]);
  mi5 = (await liaison.query(`{ agency(slug: "mi5") { id } }`)).body.data.agency.id;
});
afterAll(async () => {
  await Promise.all(open.map((subscription) => subscription.close()));
  await liaison?.stop();
});

function live(transport: Transport, query: string, variables?: Record<string, unknown>, token = reader, url?: string) {
  const subscription = subscribe(transport, url ?? liaison.supergraph.gateway.url, { query, ...(variables && { variables }) }, token);
  open.push(subscription);
  return subscription;
}

/** The subscriptions the gateway holds open, as its /metrics reports them. */
async function activeSubscriptions(): Promise<number> {
  const metrics = await (await fetch(new URL("/metrics", liaison.supergraph.gateway.url))).text();
  return Number(/^liaison_subscriptions_active (\d+)$/m.exec(metrics)?.[1]);
}

/** Lets a new subscription reach the gateway's feed before a write it must see. */
async function settled(subscription: LiveSubscription) {
  expect(await subscription.nothingWithin(300)).toBe(true);
}

async function mutate(query: string, variables: Record<string, unknown>, token = editor) {
  return dataOf(await liaison.query(query, variables, { token }));
}

async function setThreatLevel(scope: "NATIONAL" | "NORTHERN_IRELAND", level: string) {
  const current = await liaison.query(`query ($scope: ThreatScope!) { threatLevel(scope: $scope) { version } }`, { scope });
  const expectedVersion = current.body.data.threatLevel?.version ?? null;
  return mutate(
    `mutation ($input: SetThreatLevelInput!) { setThreatLevel(input: $input) { id version } }`,
    { input: { scope, level, reason: "A test's assessment.", expectedVersion, idempotencyKey: randomUUID() } },
    admin,
  );
}

async function firstLinkOf(slug: string) {
  const response = await liaison.query(
    `query ($slug: String!) { agency(slug: $slug) { relationships(status: ACTIVE) { id version to { slug } } } }`,
    { slug },
  );
  return response.body.data.agency.relationships[0] as { id: string; version: number };
}

describe.each(["websocket", "sse"] as const)("subscriptions over %s", (transport) => {
  it("threatLevelChanged sends each new assessment of the scope asked for, and no other", async () => {
    const national = live(transport, `subscription { threatLevelChanged(scope: NATIONAL) { sequence action version assessment { level meaning scope } } }`);
    const northernIreland = live(transport, `subscription { threatLevelChanged(scope: NORTHERN_IRELAND) { sequence } }`);
    await settled(national);
    const set = await setThreatLevel("NATIONAL", "SUBSTANTIAL");
    const { data, errors } = await national.next();
    expect(errors).toBeUndefined();
    expect(data!.threatLevelChanged).toEqual({
      sequence: expect.stringMatching(/^\d+$/),
      action: "threat-level.set",
      version: set.setThreatLevel.version,
      assessment: { level: "SUBSTANTIAL", meaning: "An attack is likely.", scope: "NATIONAL" },
    });
    expect(await northernIreland.nothingWithin(500)).toBe(true);
  });

  it("relationshipChanged resolves a selection reaching other subgraphs, as a query would", async () => {
    const changes = live(
      transport,
      `subscription ($agency: ID!) {
         relationshipChanged(agency: $agency) {
           action relationshipId
           link: relationship { status suspensionReason from { name news(first: 3) { title } } to { slug } }
         }
       }`,
      { agency: mi5 },
    );
    await settled(changes);
    const link = await firstLinkOf("mi5");
    await mutate(`mutation ($input: SuspendRelationshipInput!) { suspendRelationship(input: $input) { version } }`, {
      input: { id: link.id, version: link.version, reason: `Suspended over ${transport}.` },
    });
    const { data, errors } = await changes.next();
    expect(errors).toBeUndefined();
    const change = data!.relationshipChanged;
    expect(change.action).toBe("relationship.suspend");
    expect(change.relationshipId).toBe(link.id);
    expect(change.link).toMatchObject({
      status: "SUSPENDED",
      suspensionReason: `Suspended over ${transport}.`,
      from: { name: "MI5" },
    });
    expect(change.link.from.news.length).toBeGreaterThan(0);
    await mutate(`mutation ($input: ResumeRelationshipInput!) { resumeRelationship(input: $input) { version } }`, {
      input: { id: link.id, version: link.version + 1 },
    });
    expect((await changes.next()).data!.relationshipChanged.action).toBe("relationship.resume");
  });

  it("articlePublished sends the articles that mention the agency with the tag asked for", async () => {
    const tag = `live-${transport}`;
    const published = live(
      transport,
      `subscription ($agency: ID, $tag: String) { articlePublished(agency: $agency, tag: $tag) { action article { slug title mentions { slug } } } }`,
      { agency: mi5, tag },
    );
    await settled(published);
    const publish = (slug: string, tags: string[]) =>
      mutate(`mutation ($input: PublishArticleInput!) { publishArticle(input: $input) { id } }`, {
        input: { slug, title: `About ${slug}`, summary: "A test's article.", tags, mentions: [mi5], idempotencyKey: randomUUID() },
      });
    await publish(`${tag}-other`, ["elsewhere"]);
    await publish(`${tag}-wanted`, [tag]);
    const { data } = await published.next();
    expect(data!.articlePublished).toEqual({
      action: "article.publish",
      article: { slug: `${tag}-wanted`, title: `About ${tag}-wanted`, mentions: [{ slug: "mi5" }] },
    });
    expect(await published.nothingWithin(300)).toBe(true);
  });

  it("agencyChanged sends the changes to the agency asked for", async () => {
    const slug = `live-agency-${transport}`;
    const created = await mutate(
      `mutation ($input: CreateAgencyInput!) { createAgency(input: $input) { id version } }`,
      { input: { slug, name: `Agency over ${transport}`, kind: "OTHER", jurisdiction: "UNITED_KINGDOM", description: "A test's agency." } },
    );
    const { id, version } = created.createAgency;
    const changes = live(transport, `subscription ($id: ID!) { agencyChanged(id: $id) { action version agencyId agency { name } } }`, { id });
    await settled(changes);
    await mutate(`mutation ($input: UpdateAgencyInput!) { updateAgency(input: $input) { version } }`, {
      input: { id, version, name: `Renamed over ${transport}` },
    });
    expect((await changes.next()).data!.agencyChanged).toEqual({
      action: "agency.update",
      version: version + 1,
      agencyId: id,
      agency: { name: `Renamed over ${transport}` },
    });
  });

  it("sends what a subscriber missed when it comes back with the last sequence it saw", async () => {
    const first = live(transport, `subscription { threatLevelChanged(scope: NORTHERN_IRELAND) { sequence assessment { level } } }`);
    await settled(first);
    await setThreatLevel("NORTHERN_IRELAND", "SEVERE");
    const seen = (await first.next()).data!.threatLevelChanged.sequence as string;
    await first.close();
    await setThreatLevel("NORTHERN_IRELAND", "SUBSTANTIAL");
    await setThreatLevel("NORTHERN_IRELAND", "MODERATE");
    const again = live(transport, `subscription ($after: String) { threatLevelChanged(scope: NORTHERN_IRELAND, after: $after) { sequence assessment { level } } }`, {
      after: seen,
    });
    const missed = [(await again.next()).data!.threatLevelChanged, (await again.next()).data!.threatLevelChanged];
    expect(missed.map((change) => change.assessment.level)).toEqual(["SUBSTANTIAL", "MODERATE"]);
    expect(BigInt(missed[0].sequence)).toBeGreaterThan(BigInt(seen));
    expect(BigInt(missed[1].sequence)).toBeGreaterThan(BigInt(missed[0].sequence));
  });
});

describe("who may subscribe", () => {
  it("refuses a token without a role in Liaison, on either transport", async () => {
    const roleless = await mintDevelopmentToken(liaison.auth, { subject: "nobody", roles: [] });
    const connection = connectWebSocket(liaison.supergraph.gateway.url, roleless);
    expect(await connection.closed).toMatchObject({ code: 4403 });
    const sse = live("sse", `subscription { threatLevelChanged { sequence } }`, undefined, roleless);
    await expect(sse.next()).rejects.toThrow();
  });

  it("lets a page open a WebSocket only from the gateway's own origin or an allowed one", async () => {
    const url = liaison.supergraph.gateway.url.replace(/^http/, "ws");
    const opening = (origin: string) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(url, "graphql-transport-ws", { headers: { origin } });
        socket.once("open", () => {
          socket.close();
          resolve(101);
        });
        socket.once("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
        socket.once("error", () => undefined);
      });
    expect(await opening("https://elsewhere.example")).toBe(403);
    expect(await opening(new URL(liaison.supergraph.gateway.url).origin)).toBe(101);
    expect(await opening("http://localhost:5173")).toBe(101);
  });

  it("ends a subscription on either transport when the caller's token expires", async () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 3;
    const token = await mintDevelopmentToken(liaison.auth, { subject: "brief", roles: ["reader"], expiresAt });
    const subscriptions = (["websocket", "sse"] as const).map((transport) => ({
      transport,
      subscription: live(transport, `subscription { threatLevelChanged { sequence } }`, undefined, token),
    }));
    for (const { transport, subscription } of subscriptions) {
      const ending = await subscription.next(6_000).then(() => "an event", (error: Error) => error.message);
      expect(ending).toMatch(transport === "websocket" ? /^closed 4401: The token has expired/ : /ended/);
      expect(Date.now()).toBeGreaterThanOrEqual(expiresAt * 1000 - 50);
    }
    await setThreatLevel("NATIONAL", "SUBSTANTIAL");
    const quiet = await Promise.all(subscriptions.map(({ subscription }) => subscription.nothingWithin(500)));
    expect(quiet).toEqual([true, true]);
  });

  it("refuses a token that does not verify", async () => {
    const connection = connectWebSocket(liaison.supergraph.gateway.url, "not-a-token");
    expect(await connection.closed).toMatchObject({ code: 4401 });
  });
});

describe("limits", () => {
  it("refuses a subscription sent over plain HTTP with a client error saying where they are served", async () => {
    const response = await liaison.query(`subscription { threatLevelChanged { sequence } }`);
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe("BAD_REQUEST");
    expect(response.body.errors?.[0]?.message).toMatch(/WebSocket/);
  });

  it("applies the operation limits to a subscription", async () => {
    const deep = `subscription { relationshipChanged { relationship { ${"from { relationships { ".repeat(8)} id ${"} } ".repeat(8)} } } }`;
    const refused = live("websocket", deep);
    const refusal = await refused.next().then(
      () => undefined,
      (error: LiveError) => error.errors?.[0],
    );
    expect(refusal?.message).toMatch(/depth limit/);
    expect(refusal?.extensions?.code).toBeTruthy();
  });

  it.each(["websocket", "sse"] as const)("refuses over %s a subscription longer than the token limit, as HTTP does", async (transport) => {
    const long = `subscription { threatLevelChanged { ${"sequence ".repeat(OPERATION_LIMITS.tokens)} } }`;
    const refusal = await live(transport, long).next().then(
      (result) => result.errors?.[0],
      (error: LiveError) => error.errors?.[0],
    );
    expect(refusal?.extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
  });

  it.each(["websocket", "sse"] as const)("gives back a %s subscription's place once its client leaves", async (transport) => {
    const before = await activeSubscriptions();
    const subscriptions = [0, 1, 2].map(() => live(transport, `subscription { threatLevelChanged { sequence } }`));
    await Promise.all(subscriptions.map(settled));
    await vi.waitFor(async () => expect(await activeSubscriptions()).toBe(before + 3));
    await Promise.all(subscriptions.map((subscription) => subscription.close()));
    await vi.waitFor(async () => expect(await activeSubscriptions()).toBe(before));
  });

  it("refuses `after` that is not a sequence, as the client's mistake", async () => {
    const refused = live("sse", `subscription { threatLevelChanged(after: "yesterday") { sequence } }`);
    const { errors } = await refused.next();
    expect(errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it.each(["websocket", "sse"] as const)("refuses over %s an `after` naming no change the feed keeps: not made yet, or pruned", async (transport) => {
    await setThreatLevel("NATIONAL", "SEVERE");
    const [kept] = await liaison.prisma.$queryRawUnsafe<{ oldest: string; latest: string }[]>(
      "SELECT min(sequence)::text AS oldest, max(sequence)::text AS latest FROM audit.change_event",
    );
    const { oldest, latest } = kept!;
    const resumingAfter = async (after: string) => {
      const subscription = live(transport, `subscription ($after: String) { threatLevelChanged(after: $after) { sequence } }`, { after });
      const { errors } = await subscription.next();
      return { code: errors?.[0]?.extensions?.code, argument: errors?.[0]?.extensions?.argument, message: errors?.[0]?.message };
    };
    const refusal = { code: "BAD_USER_INPUT", argument: "after", message: expect.stringMatching(/no change the feed still keeps/) };
    expect(await resumingAfter((BigInt(latest) + 1000n).toString())).toEqual(refusal);
    // As hourly pruning leaves the log once the oldest change is past the retention.
    await liaison.prisma.$executeRawUnsafe("DELETE FROM audit.change_event WHERE sequence = $1::bigint", oldest);
    expect(await resumingAfter(oldest)).toEqual(refusal);
  });
});

describe("a second gateway replica", () => {
  let replica: RunningServer;
  let replicaFeed: ChangeFeed;
  let feedPrisma: ReturnType<typeof createPrismaClient>;

  beforeAll(async () => {
    feedPrisma = createPrismaClient(liaison.database.url, { poolSize: 1 });
    replicaFeed = await ChangeFeed.start({
      log: changeLog((sql, values) => feedPrisma.$queryRawUnsafe(sql, ...values)),
      ...(liaison.database.kind === "server" && { notificationsUrl: liaison.database.url }),
    });
    const gateway = await buildGateway({
      subgraphUrls: Object.fromEntries(Object.entries(liaison.supergraph.subgraphs).map(([name, server]) => [name, server.url])),
      development: true,
      authenticate: callerAuthenticator(liaison.auth),
      signingKey: liaison.supergraph.signingKey,
      changeFeed: replicaFeed,
      observability: testObservability(),
    });
    replica = await gateway.listen("127.0.0.1", 0);
  });
  afterAll(async () => {
    await replica?.stop();
    await replicaFeed?.stop();
    await feedPrisma?.$disconnect();
  });

  it("delivers to its subscribers a write made through the other replica", async () => {
    const onReplica = live("websocket", `subscription { threatLevelChanged(scope: NATIONAL) { assessment { level } } }`, undefined, reader, replica.url);
    await settled(onReplica);
    await setThreatLevel("NATIONAL", "SEVERE");
    expect((await onReplica.next()).data!.threatLevelChanged.assessment.level).toBe("SEVERE");
  });

  it("ends its subscriptions cleanly when it stops", async () => {
    const ws = live("websocket", `subscription { agencyChanged { sequence } }`, undefined, reader, replica.url);
    const sse = live("sse", `subscription { agencyChanged { sequence } }`, undefined, reader, replica.url);
    await settled(ws);
    await replica.stop();
    await Promise.all([ws.ended(), sse.ended()]);
    const answer = await postGraphQL(liaison.supergraph.gateway.url, `{ threatLevel { level } }`);
    expect(answer.body.data.threatLevel.level).toBeTruthy();
  });
});

describe("a subgraph restart", () => {
  let own: TestSupergraph;
  beforeAll(async () => {
    own = await startTestSupergraph();
  });
  afterAll(() => own?.stop());

  it("gives partial data and an error while the subgraph is down, and full data once it is back", async () => {
    const editorToken = await own.tokenFor("editor");
    const { id } = (await own.query(`{ agency(slug: "gchq") { id } }`)).body.data.agency;
    const changes = subscribe(
      "websocket",
      own.supergraph.gateway.url,
      { query: `subscription ($id: ID!) { agencyChanged(id: $id) { version agency { name news(first: 1) { title } } } }`, variables: { id } },
      await own.tokenFor("reader"),
    );
    open.push(changes);
    await settled(changes);
    const rename = async (name: string) => {
      const { version } = (await own.query(`query ($id: ID!) { agency(id: $id) { version } }`, { id })).body.data.agency;
      const response = await own.query(
        `mutation ($input: UpdateAgencyInput!) { updateAgency(input: $input) { version } }`,
        { input: { id, version, name } },
        { token: editorToken },
      );
      expect(response.body.errors).toBeUndefined();
    };

    const news = own.supergraph.subgraphs.news!;
    await news.stop();
    const { result: during, logged } = await withErrorLog(async () => {
      await rename("GCHQ while news is down");
      return changes.next();
    });
    // The gateway logs the failed fetch.
    expect(logged.join("\n")).toMatch(/ECONNREFUSED/);
    expect(during.data!.agencyChanged.agency).toEqual({ name: "GCHQ while news is down", news: null });
    expect(during.errors?.length).toBeGreaterThan(0);
    expect(during.errors?.[0]?.path?.[0]).toBe("agencyChanged");

    const restarted = await restartSubgraph("news", own, news.port);
    try {
      await rename("GCHQ with news back");
      const after = await changes.next();
      expect(after.errors).toBeUndefined();
      expect(after.data!.agencyChanged.agency.name).toBe("GCHQ with news back");
      expect(Array.isArray(after.data!.agencyChanged.agency.news)).toBe(true);
    } finally {
      await restarted.stop();
    }
  });
});

/** Serves subgraph `name` again on the port it had, over the supergraph's database and key. */
async function restartSubgraph(name: string, supergraph: TestSupergraph, port: number) {
  const entry = findSubgraph(name)!;
  const { subgraph } = await entry.load();
  const prisma = createPrismaClient(supergraph.database.url, { poolSize: supergraph.database.kind === "embedded" ? EMBEDDED_POOL_SIZE : 2 });
  const server = await buildSubgraphServer(subgraph, {
    prisma,
    development: true,
    authenticateCaller: internalTokenVerifier(name, supergraph.supergraph.signingKey.jwks),
    observability: testObservability(),
  });
  const running = await server.listen("127.0.0.1", port);
  return {
    async stop() {
      await running.stop();
      await prisma.$disconnect();
    },
  };
}
