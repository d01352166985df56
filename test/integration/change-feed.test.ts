import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ChangeEvent, NewChange } from "../../platform/changes/change-event.ts";
import { ChangeFeed } from "../../platform/changes/change-feed.ts";
import { changeLog, type ChangeLog } from "../../platform/changes/change-log.ts";
import { announceCommittedChange, recordChange } from "../../platform/changes/record-change.ts";
import { EMBEDDED_POOL_SIZE } from "../../platform/database/embedded-postgres.ts";
import { createPrismaClient, type PrismaClient } from "../../platform/database/prisma.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

// The change feed over a real, migrated database: what a write records in
// its transaction, and what a feed hands its listeners.

let database: TestDatabase;
let prisma: PrismaClient;
let log: ChangeLog;
const feeds: ChangeFeed[] = [];
const onServer = Boolean(process.env.DATABASE_URL);

beforeAll(async () => {
  database = await createTestDatabase("migrated");
  prisma = createPrismaClient(database.url, { poolSize: database.kind === "embedded" ? EMBEDDED_POOL_SIZE : 10 });
  log = changeLog((sql, values) => prisma.$queryRawUnsafe(sql, ...values));
});
afterEach(async () => {
  await Promise.all(feeds.splice(0).map((feed) => feed.stop()));
});
afterAll(async () => {
  await prisma?.$disconnect();
  await database?.dispose();
});

let nextEntity = 0;
function change(overrides: Partial<NewChange> = {}): NewChange {
  nextEntity++;
  return {
    entityType: "Agency",
    entityId: `00000000-0000-7000-8000-${String(nextEntity).padStart(12, "0")}`,
    action: "agency.update",
    version: nextEntity,
    topics: { agencies: ["a", "b"] },
    ...overrides,
  };
}

/** Commits `changes` in one transaction, as an audited write does, and tells this process. */
async function commit(...changes: NewChange[]) {
  await prisma.$transaction(async (tx) => {
    for (const each of changes) await recordChange(tx, each);
  });
  announceCommittedChange();
}

async function startFeed(options: { pollIntervalMs?: number; listen?: boolean } = {}) {
  const feed = await ChangeFeed.start({
    log,
    pollIntervalMs: options.pollIntervalMs ?? 60_000,
    ...(options.listen && { notificationsUrl: database.url }),
  });
  feeds.push(feed);
  const received: ChangeEvent[] = [];
  feed.subscribe((event) => received.push(event));
  return { feed, received };
}

describe("a change feed", () => {
  it("delivers the changes committed after it starts, in order, with what the write recorded", async () => {
    await commit(change());
    const { feed, received } = await startFeed();
    const first = change({ topics: { scope: "NATIONAL" } });
    const second = change();
    await commit(first, second);
    await feed.catchUp();
    expect(received.map(({ entityId, action, version, topics }) => ({ entityId, action, version, topics }))).toEqual([
      { entityId: first.entityId, action: first.action, version: first.version, topics: { scope: "NATIONAL" } },
      { entityId: second.entityId, action: second.action, version: second.version, topics: second.topics },
    ]);
    expect(received[1]!.sequence).toBeGreaterThan(received[0]!.sequence);
    expect(feed.position).toBe(received[1]!.sequence);
  });

  it("never delivers a change whose transaction rolled back", async () => {
    const { feed, received } = await startFeed();
    await expect(
      prisma.$transaction(async (tx) => {
        await recordChange(tx, change());
        throw new Error("the write failed");
      }),
    ).rejects.toThrow("the write failed");
    const kept = change();
    await commit(kept);
    await feed.catchUp();
    expect(received.map((event) => event.entityId)).toEqual([kept.entityId]);
  });

  it("wakes on this process's commits without waiting for its timer", async () => {
    const { received } = await startFeed();
    const written = change();
    await commit(written);
    await expect.poll(() => received.map((event) => event.entityId), { timeout: 5_000 }).toEqual([written.entityId]);
  });

  it("replays what a subscriber missed after a sequence it names", async () => {
    const { feed } = await startFeed();
    await commit(change());
    await feed.catchUp();
    const missedFrom = feed.position;
    const missed = [change(), change()];
    await commit(...missed);
    await feed.catchUp();
    expect((await feed.replay(missedFrom)).map((event) => event.entityId)).toEqual(missed.map((each) => each.entityId));
  });

  it("prunes changes older than the window it is given", async () => {
    await commit(change());
    await prisma.$executeRaw`UPDATE audit.change_event SET at = now() - interval '10 days'`;
    const recent = change();
    await commit(recent);
    expect(await log.prune(new Date(Date.now() - 7 * 24 * 3600 * 1000))).toBeGreaterThan(0);
    const left = await log.readAfter(0n, 100);
    expect(left.map((event) => event.entityId)).toEqual([recent.entityId]);
  });
});

describe.runIf(onServer)("a change feed on a Postgres server", () => {
  it("hears a write made by another process through NOTIFY", async () => {
    const { received } = await startFeed({ listen: true });
    await expect.poll(() => listeningBackends(), { timeout: 5_000 }).toBe(1);
    const other = createPrismaClient(database.url, { poolSize: 1 });
    try {
      const written = change();
      // Another process's write: no announcement reaches this process's feed but Postgres's.
      await other.$transaction((tx) => recordChange(tx, written));
      await expect.poll(() => received.map((event) => event.entityId), { timeout: 5_000 }).toEqual([written.entityId]);
    } finally {
      await other.$disconnect();
    }
  });

  it("catches up on what was written while its connection was down", async () => {
    const { received } = await startFeed({ listen: true });
    await expect.poll(() => listeningBackends(), { timeout: 5_000 }).toBe(1);
    await adminQuery(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                       WHERE datname = current_database() AND query = 'LISTEN liaison_changes'`);
    const other = createPrismaClient(database.url, { poolSize: 1 });
    try {
      const written = change();
      await other.$transaction((tx) => recordChange(tx, written));
      await expect.poll(() => received.map((event) => event.entityId), { timeout: 10_000 }).toEqual([written.entityId]);
    } finally {
      await other.$disconnect();
    }
  });

  it("hands out sequences in commit order, so racing writers are each delivered once, in order", async () => {
    const { feed, received } = await startFeed({ listen: true, pollIntervalMs: 5 });
    const writes = Array.from({ length: 20 }, () => change());
    await Promise.all(
      writes.map((each, index) =>
        prisma.$transaction(async (tx) => {
          // Some writers hold their transaction open after recording: a later
          // sequence must never become visible before an earlier one.
          await recordChange(tx, each);
          if (index % 3 === 0) await tx.$executeRaw`SELECT pg_sleep(0.05)`;
        }),
      ),
    );
    await feed.catchUp();
    expect(received.map((event) => event.entityId).sort()).toEqual(writes.map((each) => each.entityId).sort());
    const sequences = received.map((event) => event.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => (a < b ? -1 : 1)));
  });
});

async function listeningBackends(): Promise<number> {
  const rows = await adminQuery(`SELECT count(*)::int AS count FROM pg_stat_activity
                                  WHERE datname = current_database() AND query = 'LISTEN liaison_changes'`);
  return rows[0]!.count as number;
}

async function adminQuery(sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}
