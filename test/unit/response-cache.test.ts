import { buildASTSchema, getNamedType, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { readSubgraphSdl } from "../../platform/subgraph-sdl.ts";
import { CACHEABLE_SUBGRAPHS, subgraphsChangedBy } from "../../gateway/response-cache/changed-subgraphs.ts";
import { FreshnessCheck, type FollowedFeed } from "../../gateway/response-cache/freshness.ts";
import { ResponseStore, type StoredResponse } from "../../gateway/response-cache/response-store.ts";
import { subgraphs } from "../../supergraph/registry.ts";

describe("which subgraphs a change alters", () => {
  it("keeps a cacheable subgraph's answers only until a change of a type its mutations write", () => {
    for (const { name, cachedUntilChangeOf } of subgraphs) {
      if (!Array.isArray(cachedUntilChangeOf)) continue;
      const schema = buildASTSchema(parse(readSubgraphSdl(name)), { assumeValidSDL: true });
      for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
        const written = getNamedType(field.type).name;
        expect(cachedUntilChangeOf, `${name}: Mutation.${field.name}`).toContain(written);
        expect(subgraphsChangedBy({ entityType: written }), `${name}: Mutation.${field.name}`).toContain(name);
      }
    }
  });

  it("alters the audit trail's answers with every change", () => {
    for (const entityType of ["Agency", "Relationship", "NewsArticle", "ThreatAssessment", "Unheard"]) {
      expect(subgraphsChangedBy({ entityType })).toContain("audit");
    }
  });

  it("answers every cacheable subgraph for a change of a type no subgraph names", () => {
    expect([...subgraphsChangedBy({ entityType: "Unheard" })].sort()).toEqual([...CACHEABLE_SUBGRAPHS].sort());
    expect(subgraphsChangedBy({ entityType: "Agency" })).toEqual(["agencies", "audit"]);
  });
});

describe("the response store", () => {
  const entry = (subgraphs: string[], reflects: bigint): StoredResponse => ({
    data: { answer: subgraphs.join() },
    hint: { maxAge: 0 },
    subgraphs,
    reflects,
  });

  it("evicts what was read from a changed subgraph and keeps the rest", () => {
    const store = new ResponseStore({ maxBytes: 10_000, ttlMs: 60_000 });
    store.set("agencies", entry(["agencies"], 4n));
    store.set("threat", entry(["threat"], 4n));
    store.changed(["agencies", "audit"], 5n);
    expect(store.get("agencies")).toBeUndefined();
    expect(store.get("threat")).toBeDefined();
    expect(store.size).toBe(1);
  });

  it("does not keep an answer that may predate a change to a subgraph it was read from", () => {
    const store = new ResponseStore({ maxBytes: 10_000, ttlMs: 60_000 });
    store.changed(["agencies"], 7n);
    store.set("late", entry(["agencies", "relationships"], 6n));
    expect(store.get("late")).toBeUndefined();
    store.set("other", entry(["relationships"], 6n));
    expect(store.get("other")).toBeDefined();
    store.set("later", entry(["agencies"], 7n));
    expect(store.get("later")).toBeDefined();
  });

  it("holds no more than its bytes", () => {
    const store = new ResponseStore({ maxBytes: 200, ttlMs: 60_000 });
    for (let each = 0; each < 20; each++) store.set(`key-${each}`, entry(["news"], 0n));
    expect(store.size).toBeLessThan(20);
    expect(store.get("key-19")).toBeDefined();
    expect(store.get("key-0")).toBeUndefined();
  });
});

describe("the freshness check", () => {
  function feedAt(committed: bigint) {
    const calls = { latest: 0, catchUp: 0 };
    let release: () => void = () => undefined;
    const feed: { -readonly [Key in keyof FollowedFeed]: FollowedFeed[Key] } & { committed: bigint } = {
      committed,
      position: committed,
      latestCommitted: () => {
        calls.latest++;
        const answer = feed.committed;
        return new Promise((resolve) => (release = () => resolve(answer)));
      },
      async catchUp() {
        calls.catchUp++;
        feed.position = feed.committed;
      },
    };
    return { feed, calls, release: () => release() };
  }

  it("serves every request waiting on it with one read, and one more for those that came during it", async () => {
    const { feed, calls, release } = feedAt(5n);
    const check = new FreshnessCheck(feed);
    const first = check.applied();
    const during = [check.applied(), check.applied(), check.applied()];
    expect(calls.latest).toBe(1);
    release();
    await first;
    await Promise.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls.latest).toBe(2);
    release();
    await Promise.all(during);
    expect(calls.catchUp).toBe(0);
  });

  it("catches up when the database is ahead", async () => {
    const { feed, calls, release } = feedAt(5n);
    const check = new FreshnessCheck(feed);
    feed.committed = 7n;
    const applied = check.applied();
    release();
    await applied;
    expect(calls.catchUp).toBe(1);
    expect(feed.position).toBe(7n);
  });
});
