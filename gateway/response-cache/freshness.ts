import { LatestCommitted } from "../../platform/changes/changes-through.ts";

/** What the freshness check needs of the change feed. */
export interface FollowedFeed {
  /** The last sequence this process has applied. */
  readonly position: bigint;
  /** The last sequence committed in the database. */
  latestCommitted(): Promise<bigint>;
  /** Reads and applies everything committed before the call. */
  catchUp(): Promise<void>;
}

/**
 * Makes sure this replica has applied every change committed before a
 * request arrived, before the request is answered from the cache: a write
 * through another replica answers its caller before this replica hears of
 * it, and a lost notification delays it until the feed's next poll.
 *
 * One read of the feed's latest sequence (`LatestCommitted`) serves every
 * request that arrived before it began: a request that arrives while one is
 * under way waits for the next, which all such requests share; the feed's
 * catch-up is shared the same way. Under load that is at most one small
 * query in flight.
 */
export class FreshnessCheck {
  readonly #feed: FollowedFeed;
  readonly #latest: LatestCommitted;

  constructor(feed: FollowedFeed) {
    this.#feed = feed;
    this.#latest = new LatestCommitted(() => feed.latestCommitted());
  }

  /** Settles once every change committed before the call has been applied; rejects when the database cannot say. */
  async applied(): Promise<void> {
    const latest = await this.#latest.sequence();
    if (latest > this.#feed.position) await this.#feed.catchUp();
    if (latest > this.#feed.position) throw new Error(`The change feed could not catch up to sequence ${latest}.`);
  }
}
