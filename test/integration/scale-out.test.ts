import { generateKeyPairSync, randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintDevelopmentToken } from "../../platform/auth/development-token.ts";
import { subgraphs } from "../../supergraph/registry.ts";
import { subscribe } from "../support/live-clients.ts";
import { startRoundRobinProxy, type RoundRobinProxy } from "../support/round-robin-proxy.ts";
import { freePort, startLiaisonProcess, type LiaisonProcess } from "../support/start-process.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";
import { postGraphQL } from "../support/test-supergraph.ts";

// Liaison scaled out as Kubernetes runs it: two gateway replicas sharing
// GATEWAY_SIGNING_KEY, and two processes of every subgraph behind a
// round-robin proxy each (a Service), all over one Postgres. Any replica
// serves any request, a write through one is read through the other, and
// a replica's subscribers hear of a write made through the other, and a
// replica killed mid-load loses no write it acknowledged while the other
// keeps answering.

const AUTH = { jwtSecret: randomBytes(24).toString("hex"), issuer: "liaison", audience: "liaison" };
const SIGNING_KEY = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();

const READ = /* GraphQL */ `
  query Read($slug: String!, $entries: Int!) {
    threatLevel { level }
    emergencyContacts { phoneNumber }
    agency(slug: $slug) { slug partners { slug } news(first: 2) { title } }
    auditTrail(first: $entries) { totalCount }
  }
`;
const CREATE = /* GraphQL */ `
  mutation Create($input: CreateAgencyInput!) { createAgency(input: $input) { id slug } }
`;
const FIND = /* GraphQL */ `
  query Find($slug: String!) { agency(slug: $slug) { slug name } }
`;
const LINK = /* GraphQL */ `
  mutation Link($input: CreateRelationshipInput!) { createRelationship(input: $input) { id } }
`;
const PARTNERS = /* GraphQL */ `
  query Partners($slug: String!) { agency(slug: $slug) { partners { slug } } }
`;
const SEEDED = ["mi5", "sis", "gchq", "home-office", "nca", "met"];

interface Replica {
  readonly name: string;
  readonly process: LiaisonProcess;
  readonly url: string;
}

let database: TestDatabase;
const started: LiaisonProcess[] = [];
const proxies = new Map<string, { proxy: RoundRobinProxy; backends: string[] }>();
let gatewayService: RoundRobinProxy;
let replicas: [Replica, Replica];
let admin: string;

/** Starts `script` and waits until it says where it serves. */
async function serve(env: Record<string, string>, script: string, args: string[] = []) {
  const process = startLiaisonProcess({ AUTH_JWT_SECRET: AUTH.jwtSecret, DATABASE_URL: database.url, ...env }, script, args);
  started.push(process);
  const [, url] = await process.waitFor(/is serving (http[^\s"]+)/, 150_000);
  return { process, url: url! };
}

// Subgraphs run on their own need a Postgres server: embedded Postgres
// serves one process's pool, not a dozen processes'.
describe.skipIf(!process.env.DATABASE_URL)("two replicas of everything over one Postgres", () => {
  beforeAll(async () => {
    database = await createTestDatabase("seeded");
    const gatewayPorts = [await freePort(), await freePort()];
    gatewayService = await startRoundRobinProxy(gatewayPorts.map((port) => `http://127.0.0.1:${port}`));

    const subgraphUrls: Record<string, string> = {};
    await Promise.all(
      subgraphs.map(async ({ name }) => {
        const processes = await Promise.all(
          [1, 2].map(async () =>
            serve(
              {
                // Port 0: each takes a free port as it listens, and says which.
                [`${name.toUpperCase()}_PORT`]: "0",
                // The subgraphs fetch the gateway's public key through its Service.
                GATEWAY_JWKS_URL: `${gatewayService.origin}/.well-known/jwks.json`,
              },
              "scripts/serve-subgraph.ts",
              [name],
            ),
          ),
        );
        const backends = processes.map(({ url }) => new URL(url).origin);
        const proxy = await startRoundRobinProxy(backends);
        proxies.set(name, { proxy, backends });
        subgraphUrls[`${name.toUpperCase()}_URL`] = `${proxy.origin}/graphql`;
      }),
    );

    const [a, b] = await Promise.all(
      gatewayPorts.map((port) => serve({ PORT: String(port), GATEWAY_SIGNING_KEY: SIGNING_KEY, ...subgraphUrls }, "scripts/serve-gateway.ts")),
    );
    replicas = [
      { name: "a", ...a! },
      { name: "b", ...b! },
    ];
    admin = await mintDevelopmentToken(AUTH, { subject: "scale-out-admin", roles: ["admin"] });
    await warmUp();
  }, 300_000);

  /**
   * A dozen processes starting at once on a small machine answer their first
   * requests slowly (each subgraph fetches the gateway's key, opens its pool,
   * compiles its first queries). Waits for four clean answers in a row, both
   * replicas in turn, so every subgraph process has answered once.
   */
  async function warmUp() {
    let clean = 0;
    for (let attempt = 0; clean < 4; attempt++) {
      if (attempt === 30) throw new Error("The replicas did not settle into answering cleanly.");
      const response = await postGraphQL(replicas[attempt % 2]!.url, READ, { slug: "mi5", entries: 1 }, { token: admin });
      clean = response.status === 200 && !response.body.errors ? clean + 1 : 0;
    }
  }

  afterAll(async () => {
    for (const process of started) if (process.child.exitCode === null && process.child.signalCode === null) process.child.kill("SIGKILL");
    await Promise.all(started.map((process) => process.exited()));
    await Promise.all([...proxies.values()].map(({ proxy }) => proxy.close()));
    await gatewayService?.close();
    await database?.dispose();
  });

  it("answers any request the same through either gateway, each subgraph's processes sharing the work", async () => {
    const answers = [];
    for (const [index, slug] of SEEDED.entries()) {
      for (const replica of replicas) {
        const response = await postGraphQL(replica.url, READ, { slug, entries: index + 1 }, { token: admin });
        expect(response.status, `${replica.name} for ${slug}`).toBe(200);
        expect(response.body.errors).toBeUndefined();
        answers.push({ replica: replica.name, slug, data: response.body.data });
      }
    }
    for (const slug of SEEDED) {
      const [throughA, throughB] = answers.filter((answer) => answer.slug === slug);
      expect(throughA!.data.agency.slug).toBe(slug);
      expect(throughB!.data).toEqual(throughA!.data);
    }
    expect(answers.find(({ slug }) => slug === "mi5")!.data.agency.partners.length).toBeGreaterThan(5);

    const served = Object.fromEntries(
      [...proxies].map(([name, { proxy, backends }]) => [name, backends.map((backend) => proxy.answeredBy(backend))]),
    );
    console.log(`Requests each subgraph's two processes answered: ${JSON.stringify(served)}`);
    for (const [name, counts] of Object.entries(served)) {
      for (const count of counts) expect(count, `each ${name} process`).toBeGreaterThan(0);
    }
  });

  it("reads a write made through one gateway through the other", async () => {
    const ids: string[] = [];
    for (const [writer, reader] of [replicas, [...replicas].reverse()] as [Replica, Replica][]) {
      const slug = `written-through-${writer.name}`;
      const created = await postGraphQL(writer.url, CREATE, { input: newAgency(slug) }, { token: admin });
      expect(created.body.errors).toBeUndefined();
      expect(created.body.data.createAgency.slug).toBe(slug);
      ids.push(created.body.data.createAgency.id);
      const read = await postGraphQL(reader.url, FIND, { slug }, { token: admin });
      expect(read.body).toEqual({ data: { agency: { slug, name: agencyName(slug) } } });
    }

    // A link, which each relationships process also keeps in memory: read
    // through both replicas, so through both processes.
    const linked = await postGraphQL(
      replicas[0].url,
      LINK,
      { input: { from: ids[0], to: ids[1], kind: "WORKS_CLOSELY", description: "Linked by the scale-out test." } },
      { token: admin },
    );
    expect(linked.body.errors).toBeUndefined();
    for (const reader of [...replicas].reverse()) {
      const read = await postGraphQL(reader.url, PARTNERS, { slug: "written-through-a" }, { token: admin });
      expect(read.body, `through ${reader.name}`).toEqual({ data: { agency: { partners: [{ slug: "written-through-b" }] } } });
    }
  });

  it("pushes a change written through one gateway to the other's subscribers, over either transport", async () => {
    const [writer, watcher] = replicas;
    const request = { query: `subscription { agencyChanged { action agency { slug } } }` };
    const watching = (["websocket", "sse"] as const).map((transport) => subscribe(transport, watcher.url, request, admin));
    try {
      // Lets both subscriptions reach the watcher's change feed before the write.
      for (const subscription of watching) expect(await subscription.nothingWithin(300)).toBe(true);
      const slug = "announced-across-replicas";
      const created = await postGraphQL(writer.url, CREATE, { input: newAgency(slug) }, { token: admin });
      expect(created.body.errors).toBeUndefined();
      for (const subscription of watching) {
        const { data, errors } = await subscription.next(10_000);
        expect(errors).toBeUndefined();
        expect(data!.agencyChanged).toEqual({ action: "agency.create", agency: { slug } });
      }
    } finally {
      await Promise.all(watching.map((subscription) => subscription.close()));
    }
  });

  it("loses no acknowledged write when a gateway is killed mid-load, and the other keeps answering", async () => {
    const [doomed, survivor] = replicas;
    const WRITERS = 6;
    const ACKNOWLEDGED_BEFORE_KILL = 20;
    const ACKNOWLEDGED_AFTER_KILL = 40;
    const MAX_WRITES = 400;
    const outcomes: { replica: string; slug: string; acknowledged: boolean; afterKill: boolean }[] = [];
    let killed = false;
    let sequence = 0;
    const count = (replica: string, afterKill: boolean, acknowledged = true) =>
      outcomes.filter((outcome) => outcome.replica === replica && outcome.afterKill === afterKill && outcome.acknowledged === acknowledged).length;

    const writer = async (index: number) => {
      // Bounded, so a replica that stops answering fails the test rather than spinning.
      for (let turn = index; count(survivor.name, true) < ACKNOWLEDGED_AFTER_KILL && outcomes.length < MAX_WRITES; turn++) {
        const replica = replicas[turn % 2]!;
        const slug = `load-${++sequence}`;
        const afterKill = killed;
        let acknowledged = false;
        try {
          const response = await postGraphQL(replica.url, CREATE, { input: newAgency(slug) }, { token: admin });
          acknowledged = response.status === 200 && response.body.data?.createAgency?.slug === slug;
        } catch {
          // The killed replica's connections fail: not acknowledged.
        }
        outcomes.push({ replica: replica.name, slug, acknowledged, afterKill });
        if (!killed && count(doomed.name, false) >= ACKNOWLEDGED_BEFORE_KILL) {
          killed = true;
          doomed.process.child.kill("SIGKILL");
        }
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, (_, index) => writer(index)));
    expect(await doomed.process.exited()).toBeNull();

    const acknowledged = outcomes.filter((outcome) => outcome.acknowledged).map((outcome) => outcome.slug);
    const stored = await storedSlugs(acknowledged);
    console.log(
      `Scale-out load: ${outcomes.length} writes sent, ${acknowledged.length} acknowledged ` +
        `(gateway ${doomed.name}: ${count(doomed.name, false)} before its kill, ${count(doomed.name, true)} after, ` +
        `${count(doomed.name, false, false) + count(doomed.name, true, false)} failed; ` +
        `gateway ${survivor.name}: ${count(survivor.name, false)} before, ${count(survivor.name, true)} after, ` +
        `${count(survivor.name, false, false) + count(survivor.name, true, false)} failed); ${stored.length} of the acknowledged are stored`,
    );
    expect(stored.sort()).toEqual([...acknowledged].sort());
    expect(count(doomed.name, false)).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL);
    expect(count(doomed.name, true)).toBe(0);
    expect(count(survivor.name, true)).toBeGreaterThanOrEqual(ACKNOWLEDGED_AFTER_KILL);
    expect(count(survivor.name, false, false) + count(survivor.name, true, false)).toBe(0);

    // The survivor still reads what the killed replica acknowledged.
    const lastThroughDoomed = outcomes.filter((outcome) => outcome.replica === doomed.name && outcome.acknowledged).at(-1)!;
    const read = await postGraphQL(survivor.url, FIND, { slug: lastThroughDoomed.slug }, { token: admin });
    expect(read.body).toEqual({ data: { agency: { slug: lastThroughDoomed.slug, name: agencyName(lastThroughDoomed.slug) } } });
  }, 180_000);
});

function agencyName(slug: string): string {
  return `Scale-out ${slug}`;
}

function newAgency(slug: string) {
  return { slug, name: agencyName(slug), kind: "OTHER", description: "Made by the scale-out test." };
}

/** Which of `slugs` are rows in Postgres, read there directly. */
async function storedSlugs(slugs: string[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ slug: string }>("SELECT slug FROM agencies.agency WHERE slug = ANY($1)", [slugs]);
    return rows.map((row) => row.slug);
  } finally {
    await client.end();
  }
}
