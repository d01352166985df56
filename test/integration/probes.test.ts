import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { internalTokenVerifier } from "../../platform/auth/internal-token.ts";
import { createPrismaClient, type PrismaClient } from "../../platform/database/prisma.ts";
import { buildSubgraphServer } from "../../platform/subgraph-server.ts";
import { findSubgraph, subgraphs } from "../../supergraph/registry.ts";
import { heldRequest } from "../support/held-request.ts";
import { freePort } from "../support/start-process.ts";
import { testObservability } from "../support/test-logs.ts";
import { startTestSupergraph, type TestSupergraph } from "../support/test-supergraph.ts";

// /live (the process answers), /ready (it can serve) and /health (the
// detail) on the gateway and on every subgraph, as orchestrators probe them.

let liaison: TestSupergraph;

beforeAll(async () => {
  liaison = await startTestSupergraph();
});
afterAll(() => liaison?.stop());

async function probe(serverUrl: string, path: "/live" | "/ready" | "/health") {
  const response = await fetch(new URL(path, serverUrl));
  return { status: response.status, body: await response.json() };
}


/** One subgraph's server on a free port, over `prisma`, trusting the test supergraph's gateway. */
async function listenSubgraph(name: string, prisma: PrismaClient) {
  const { subgraph } = await findSubgraph(name)!.load();
  const server = await buildSubgraphServer(subgraph, {
    prisma,
    development: true,
    authenticateCaller: internalTokenVerifier(name, liaison.supergraph.signingKey.jwks),
    observability: testObservability(),
  });
  return server.listen("127.0.0.1", 0);
}

describe("probes", () => {
  it("answers live and ready on the gateway and on every subgraph", async () => {
    const servers = [liaison.supergraph.gateway, ...Object.values(liaison.supergraph.subgraphs)];
    expect(servers).toHaveLength(subgraphs.length + 1);
    for (const server of servers) {
      expect(await probe(server.url, "/live"), server.url).toEqual({ status: 200, body: { live: true } });
      expect(await probe(server.url, "/ready"), server.url).toEqual({ status: 200, body: { ready: true } });
    }
  });

  it("details every subgraph in the gateway's /health", async () => {
    const { status, body } = await probe(liaison.supergraph.gateway.url, "/health");
    expect(status).toBe(200);
    expect(body).toMatchObject({ ready: true, ok: true, status: "ok" });
    expect(Object.keys(body.subgraphs).sort()).toEqual(subgraphs.map(({ name }) => name).sort());
    for (const subgraph of Object.values<{ ok: boolean }>(body.subgraphs)) expect(subgraph.ok).toBe(true);
  });

  it("makes a subgraph whose database does not answer unready, but live", async () => {
    const closedPort = await freePort();
    const prisma = createPrismaClient(`postgresql://postgres@127.0.0.1:${closedPort}/liaison`, { poolSize: 1 });
    const running = await listenSubgraph("agencies", prisma);
    try {
      expect(await probe(running.url, "/live")).toEqual({ status: 200, body: { live: true } });
      expect(await probe(running.url, "/ready")).toEqual({ status: 503, body: { ready: false, reason: "database unreachable" } });
      expect(await probe(running.url, "/health")).toMatchObject({ status: 503, body: { ok: false } });
    } finally {
      await running.stop();
      await prisma.$disconnect();
    }
  });

  it("turns a server unready as soon as it starts to drain, while it still serves", async () => {
    const running = await listenSubgraph("threat", liaison.prisma);
    expect((await probe(running.url, "/ready")).status).toBe(200);
    const stopped = running.stop({ delayMs: 2_000 });
    expect(await probe(running.url, "/ready")).toEqual({ status: 503, body: { ready: false, reason: "draining" } });
    expect((await probe(running.url, "/live")).status).toBe(200);
    const token = await liaison.gatewayTokenFor("threat");
    const served = await fetch(running.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: "{ threatLevel { level } }" }),
    });
    expect(await served.json()).toEqual({ data: { threatLevel: { level: "SEVERE" } } });
    await stopped;
    await expect(fetch(new URL("/live", running.url))).rejects.toThrow();
  });

  it("cuts what is still in flight at the drain deadline, and stops", async () => {
    const running = await listenSubgraph("threat", liaison.prisma);
    const held = heldRequest(running.url, "{ threatLevel { level } }");
    await held.accepted;
    // The held request never sends its body: only the deadline ends the drain.
    await running.stop({ deadline: Date.now() + 200 });
    await expect(held.response).rejects.toThrow(/socket hang up|ECONNRESET/);
  });

  // Last: it stops a subgraph of the shared supergraph.
  it("shows a subgraph that is down as degraded in the gateway's /health, the gateway still ready", async () => {
    await liaison.supergraph.subgraphs.news!.stop();
    expect(await probe(liaison.supergraph.gateway.url, "/ready")).toEqual({ status: 200, body: { ready: true } });
    const { status, body } = await probe(liaison.supergraph.gateway.url, "/health");
    expect(status).toBe(200);
    expect(body).toMatchObject({ ready: true, ok: false, status: "degraded", subgraphs: { news: { ok: false, reason: "unreachable" } } });
    expect(body.subgraphs.agencies.ok).toBe(true);
  });
});
