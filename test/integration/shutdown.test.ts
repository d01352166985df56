import { generateKeyPairSync } from "node:crypto";
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { gatewaySigningKey, internalTokenIssuer } from "../../platform/auth/internal-token.ts";
import { anyFreePorts } from "../../supergraph/registry.ts";
import { heldRequest, type HeldRequest } from "../support/held-request.ts";
import { freePort, startLiaisonProcess, type LiaisonProcess } from "../support/start-process.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";
import { postGraphQL } from "../support/test-supergraph.ts";
import { scratchDirectory } from "../support/scratch-directory.ts";

// SIGTERM with requests in flight, in every way Liaison runs: each request
// the server had taken is answered in full, /ready answers 503 from the
// start of the drain, and the process exits 0.

const PARTNERS = `{ agency(slug: "mi5") { slug partners { slug } } }`;
const MI5_PARTNER_COUNT = 18;
// Long enough that the probes the test sends after seeing "Stopping" land before the listener closes.
const SHUTDOWN_DELAY_MS = "1500";

const onServer = Boolean(process.env.DATABASE_URL);
// A seeded database on the Postgres server; with embedded Postgres, npm start migrates and seeds its own.
let database: TestDatabase | undefined;
let dataDir: string;

beforeAll(async () => {
  if (onServer) database = await createTestDatabase("seeded");
  dataDir = await scratchDirectory("liaison-shutdown-");
});
afterAll(async () => {
  await database?.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

async function status(url: URL): Promise<number> {
  const response = await fetch(url);
  await response.body?.cancel();
  return response.status;
}

/**
 * Sends SIGTERM while `held` are in flight, checks that the server turns
 * unready but stays live, waits for its listener to close, then releases
 * the requests.
 */
async function drainWith(process: LiaisonProcess, origin: string, held: readonly HeldRequest[]) {
  await Promise.all(held.map((request) => request.accepted));
  process.child.kill("SIGTERM");
  await process.waitFor(/Stopping: draining/);
  expect(await status(new URL("/ready", origin))).toBe(503);
  expect(await status(new URL("/live", origin))).toBe(200);
  await vi.waitFor(() => expect(fetch(new URL("/live", origin))).rejects.toThrow(), { timeout: 20_000, interval: 100 });
  for (const request of held) request.release();
  return Promise.all(held.map((request) => request.response));
}

function expectNoStackTraces(process: LiaisonProcess) {
  expect(process.output()).not.toMatch(/^\s+at /m);
}

describe("npm start, one process", () => {
  it("answers every request in flight at SIGTERM in full, the subgraphs serving until the gateway has drained", async () => {
    // As a person runs it (vitest's NODE_ENV=test changes what Apollo Server does on signals).
    const env: Record<string, string> = { NODE_ENV: "development", ...anyFreePorts(), SHUTDOWN_DELAY_MS, LIAISON_DATA_DIR: dataDir };
    if (database) env.DATABASE_URL = database.url;
    const liaison = startLiaisonProcess(env);
    // Embedded Postgres initialises, migrates and seeds first: slow on a busy machine.
    const [, url] = await liaison.waitFor(/Liaison is serving (http[^\s"]+)/, 150_000);
    const origin = new URL(url!).origin;
    expect(await status(new URL("/ready", origin))).toBe(200);

    const held = Array.from({ length: 5 }, () => heldRequest(url!, PARTNERS));
    const answers = await drainWith(liaison, origin, held);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data.agency.partners).toHaveLength(MI5_PARTNER_COUNT);
    }
    expect(await liaison.exited()).toBe(0);
    expectNoStackTraces(liaison);
  }, 240_000);
});

// A subgraph run on its own needs a Postgres server: embedded Postgres
// serves one process's pool, not three processes' at once.
describe.skipIf(!onServer)("split deployment: serve:gateway and serve:subgraph", () => {
  it("drains the gateway, then each subgraph, answering what each had in flight", async () => {
    const signingKey = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const gatewayPort = await freePort();
    const gatewayOrigin = `http://127.0.0.1:${gatewayPort}`;
    const started: LiaisonProcess[] = [];
    try {
      const subgraphUrls: Record<string, string> = {};
      for (const name of ["agencies", "relationships"]) {
        const port = await freePort();
        const subgraph = startLiaisonProcess(
          {
            DATABASE_URL: database!.url,
            [`${name.toUpperCase()}_PORT`]: String(port),
            GATEWAY_JWKS_URL: `${gatewayOrigin}/.well-known/jwks.json`,
            SHUTDOWN_DELAY_MS,
          },
          "scripts/serve-subgraph.ts",
          [name],
        );
        started.push(subgraph);
        const [, url] = await subgraph.waitFor(/is serving (http[^\s"]+)/);
        subgraphUrls[`${name.toUpperCase()}_URL`] = url!;
      }
      const gateway = startLiaisonProcess(
        { PORT: String(gatewayPort), GATEWAY_SIGNING_KEY: signingKey, SHUTDOWN_DELAY_MS, ...subgraphUrls },
        "scripts/serve-gateway.ts",
      );
      started.push(gateway);
      const [, gatewayUrl] = await gateway.waitFor(/gateway is serving (http[^\s"]+)/);
      // The subgraphs fetch the gateway's public key on their first request and keep it.
      expect((await postGraphQL(gatewayUrl!, PARTNERS)).body.data.agency.partners).toHaveLength(MI5_PARTNER_COUNT);

      const [agencies, relationships] = started as [LiaisonProcess, LiaisonProcess];
      const issue = internalTokenIssuer(await gatewaySigningKey(signingKey));
      const token = await issue({ subject: "shutdown-test", roles: ["reader"] }, "agencies");
      const heldByAgencies = Array.from({ length: 2 }, () =>
        heldRequest(subgraphUrls.AGENCIES_URL!, `{ agency(slug: "mi5") { slug } }`, { authorization: `Bearer ${token}` }),
      );
      await Promise.all(heldByAgencies.map((request) => request.accepted));

      const throughGateway = await drainWith(gateway, gatewayOrigin, Array.from({ length: 3 }, () => heldRequest(gatewayUrl!, PARTNERS)));
      for (const answer of throughGateway) {
        expect(answer.status).toBe(200);
        expect(answer.body.errors).toBeUndefined();
        expect(answer.body.data.agency.partners).toHaveLength(MI5_PARTNER_COUNT);
      }
      expect(await gateway.exited()).toBe(0);

      const agenciesOrigin = new URL(subgraphUrls.AGENCIES_URL!).origin;
      for (const answer of await drainWith(agencies, agenciesOrigin, heldByAgencies)) {
        expect(answer).toMatchObject({ status: 200, body: { data: { agency: { slug: "mi5" } } } });
      }
      expect(await agencies.exited()).toBe(0);

      relationships.child.kill("SIGTERM");
      expect(await relationships.exited()).toBe(0);
      for (const process of started) expectNoStackTraces(process);
    } finally {
      for (const process of started) if (process.child.exitCode === null) process.child.kill("SIGKILL");
    }
  }, 180_000);
});
