import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorCode } from "../../platform/graphql/error-codes.ts";
import { ringDirectory } from "../support/generated-directory.ts";
import { scrape } from "../support/metrics-scrape.ts";
import { dataOf, errorOf } from "../support/responses.ts";
import { startTestSupergraph, type TestSupergraph } from "../support/test-supergraph.ts";

// What bounds the work of an operation the cost limit admits: `_entities`
// fetches split into batches a subgraph accepts, a cap on the bytes its
// subgraphs may answer, and a deadline that cancels its fetches, with
// Postgres cancelling statements that outlive it.


describe("an _entities fetch larger than a subgraph accepts in one body", () => {
  let liaison: TestSupergraph;
  // 100 agencies with 199 partners each: 19,900 representations, about 1.2 MB, over fastify's 1 MiB.
  beforeAll(async () => {
    liaison = await startTestSupergraph({ seed: ringDirectory(200, 100) });
  });
  afterAll(() => liaison?.stop());

  it("is sent in batches, and the operation answers every entity", async () => {
    const requestsBefore = await agencyRequests(liaison);
    const response = await liaison.query(`{ agencies(first: 100) { edges { node { slug partners { name } } } } }`);
    const { edges } = dataOf(response, "agencies");
    expect(edges).toHaveLength(100);
    for (const { node } of edges) {
      expect(node.partners).toHaveLength(199);
      expect(node.partners.every((partner: { name: unknown }) => typeof partner.name === "string")).toBe(true);
    }
    // The page, then the partners' names in batches of at most 1,000 representations.
    await expect.poll(async () => (await agencyRequests(liaison)) - requestsBefore).toBeGreaterThanOrEqual(1 + 20);
  });
});

describe("an operation's budget", () => {
  let liaison: TestSupergraph;
  beforeAll(async () => {
    liaison = await startTestSupergraph({
      operations: { deadlineMs: 1_000, maxResponseBytes: 1024 },
      statementTimeoutMs: 2_000,
    });
  });
  afterAll(() => liaison?.stop());

  it("refuses an answer larger than one response may hold, and the gateway answers the next", async () => {
    const response = await liaison.query(`{ agencies(first: 100) { edges { node { name description aliases { name } } } } }`);
    expect(response.status).toBe(400);
    expect(response.body.data).toBeUndefined();
    expect(errorOf(response)).toMatchObject({ code: ErrorCode.RESPONSE_TOO_LARGE, maxBytes: 1024 });
    expect(dataOf(await liaison.query(`{ threatLevel { level } }`), "threatLevel")).toEqual({ level: "SEVERE" });
  });

  describe("while a subgraph's table is locked", () => {
    let release: () => void;
    let locked: Promise<unknown>;

    beforeAll(async function lockAgencies() {
      if (liaison.database.kind !== "server") return;
      let lockTaken!: () => void;
      const taken = new Promise<void>((resolve) => (lockTaken = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      locked = liaison.prisma.$transaction(
        async (tx) => {
          await tx.$executeRawUnsafe(`LOCK TABLE agencies.agency IN ACCESS EXCLUSIVE MODE`);
          lockTaken();
          await released;
        },
        { timeout: 120_000, maxWait: 10_000 },
      );
      await taken;
    });
    afterAll(async () => {
      release?.();
      await locked;
    });

    // Embedded Postgres runs one statement at a time and cannot cancel one: there is no lock to wait on.
    it.skipIf(process.env.DATABASE_URL === undefined)(
      "answers OPERATION_TIMED_OUT at the deadline, and Postgres cancels the statement left waiting",
      async () => {
        // A page of agencies: a read the agency directory in memory leaves to SQL.
        const response = await liaison.query(`{ agencies(first: 1) { edges { node { name } } } }`);
        expect(response.status).toBe(504);
        expect(response.body.data).toBeUndefined();
        expect(errorOf(response)).toMatchObject({ code: ErrorCode.OPERATION_TIMED_OUT, deadlineMs: 1_000 });
        await expect.poll(() => waitingOnLocks(liaison), { timeout: 15_000, interval: 250 }).toBe(0);
        expect(dataOf(await liaison.query(`{ threatLevel { level } }`), "threatLevel")).toEqual({ level: "SEVERE" });
      },
    );

    it.skipIf(process.env.DATABASE_URL === undefined)(
      "has a subgraph answer OPERATION_TIMED_OUT when Postgres cancels its statement",
      async () => {
        const token = await liaison.gatewayTokenFor("agencies");
        const response = await liaison.querySubgraph("agencies", `{ agencies(first: 1) { totalCount } }`, undefined, { token });
        expect(errorOf(response).code).toBe(ErrorCode.OPERATION_TIMED_OUT);
      },
    );
  });
});

/** The requests the agencies subgraph has answered so far, from the metrics its servers share with the gateway. */
async function agencyRequests(liaison: TestSupergraph): Promise<number> {
  const samples = await scrape(liaison.supergraph.gateway.url);
  const counts = [...samples].filter(([name]) => name.startsWith('liaison_graphql_operation_duration_seconds_count{service="agencies"'));
  return counts.reduce((sum, [, count]) => sum + count, 0);
}

async function waitingOnLocks(liaison: TestSupergraph): Promise<number> {
  const [{ count }] = await liaison.prisma.$queryRawUnsafe<[{ count: bigint }]>(
    `SELECT count(*) AS count FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return Number(count);
}
