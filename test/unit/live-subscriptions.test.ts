import { readFileSync } from "node:fs";
import { buildSchema, parse, type ExecutionResult } from "graphql";
import { describe, expect, it } from "vitest";
import { LiveSubscriptions, type LiveContext } from "../../gateway/live/live-subscriptions.ts";
import type { ChangeFeed } from "../../platform/changes/change-feed.ts";

const apiSchema = buildSchema(readFileSync(new URL("../../schema/api.graphql", import.meta.url), "utf8"));

/** A feed with no changes, whose reads take a moment, as the database's do. */
const quietFeed = {
  position: 0n,
  latestCommitted: () => new Promise<bigint>((resolve) => setTimeout(() => resolve(0n), 10)),
  holds: async () => true,
  subscribe: () => () => undefined,
  replay: async () => [],
} as unknown as ChangeFeed;

function liveSubscriptions(maxSubscriptions: number) {
  return new LiveSubscriptions({
    feed: quietFeed,
    apiSchema,
    runQuery: async () => ({ data: null }),
    validationRules: [],
    cost: { refusal: () => undefined },
    maxSubscriptions,
    maxBacklog: 10,
  });
}

const document = parse("subscription { threatLevelChanged { sequence } }");

/** What a transport does with a new subscription: check it, then subscribe. */
async function arrive(live: LiveSubscriptions) {
  const refused = live.check(document);
  if (refused.length) return { errors: refused };
  const contextValue: LiveContext = { identity: { subject: "reader", roles: ["reader"] }, signal: new AbortController().signal };
  return live.subscribe({ schema: live.schema, document, contextValue });
}

type Outcome = AsyncIterableIterator<ExecutionResult> | ExecutionResult;

const isStream = (outcome: Outcome): outcome is AsyncIterableIterator<ExecutionResult> => Symbol.asyncIterator in outcome;

const limitReached = (outcome: Outcome) => !isStream(outcome) && outcome.errors?.[0]?.extensions?.code === "SUBSCRIPTION_LIMIT_REACHED";

describe("the gateway's bound on subscriptions", () => {
  it("holds when subscriptions arrive together, and frees a slot when one ends", async () => {
    const live = liveSubscriptions(2);
    const outcomes = await Promise.all([arrive(live), arrive(live), arrive(live)]);
    const streams = outcomes.filter(isStream);
    expect(streams).toHaveLength(2);
    expect(outcomes.filter(limitReached)).toHaveLength(1);
    expect(live.active).toBe(2);

    await streams[0]!.return!();
    expect(live.active).toBe(1);
    expect(isStream(await arrive(live))).toBe(true);
    expect(live.active).toBe(2);
  });
});
