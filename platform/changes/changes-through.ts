import type { ChangeFeed } from "./change-feed.ts";

/**
 * The request header in which the gateway tells a subgraph the latest
 * change committed when the operation began (a sequence of the feed): a
 * subgraph answering from memory catches up to it first, so a read after a
 * write through any replica sees the write.
 */
export const CHANGES_THROUGH_HEADER = "liaison-changes-through";

const SEQUENCE = /^\d{1,19}$/;

/** Catches `feed` up when it is behind the sequence a gateway named; ignores anything else. */
export async function catchUpTo(feed: ChangeFeed, named: string | string[] | undefined): Promise<void> {
  if (typeof named !== "string" || !SEQUENCE.test(named)) return;
  if (BigInt(named) > feed.position) await feed.catchUp();
}

/**
 * The feed's latest committed sequence, read by one query shared among
 * every caller that asks while none is under way, or that arrives while one
 * is and so waits for the next (a query begun before a caller asked could
 * miss a change committed just before it did).
 */
export class LatestCommitted {
  readonly #read: () => Promise<bigint>;
  #running: Promise<bigint> | undefined;
  #queued: Promise<bigint> | undefined;

  constructor(read: () => Promise<bigint>) {
    this.#read = read;
  }

  sequence(): Promise<bigint> {
    if (!this.#running) return this.#start();
    this.#queued ??= this.#running
      .catch(() => undefined)
      .then(() => {
        this.#queued = undefined;
        return this.#start();
      });
    return this.#queued;
  }

  #start(): Promise<bigint> {
    const running = this.#read().finally(() => {
      if (this.#running === running) this.#running = undefined;
    });
    this.#running = running;
    return running;
  }
}
