import { GraphQLError } from "graphql";
import type { ChangeEvent } from "../../platform/changes/change-event.ts";
import type { ChangeFeed } from "../../platform/changes/change-feed.ts";
import { ErrorCode } from "../../platform/graphql/error-codes.ts";

export interface ChangeStreamOptions {
  /** Which changes the subscriber wants. */
  wanted(change: ChangeEvent): boolean;
  /** The last sequence the subscriber saw (or the latest committed, for a new subscriber): what followed it is replayed first. */
  after: bigint;
  /** Changes held for a subscriber that reads slower than they come; beyond it the stream ends with an error. */
  maxBacklog: number;
  /** Ends the stream (the gateway is stopping). */
  signal: AbortSignal;
}


const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * The changes one subscriber wants, in sequence order, each once: those
 * after `after` first (read from the log, up to where the feed stood when the
 * stream began), then each as the feed delivers it. `return()` ends it at
 * once, also while a `next()` waits for a change.
 */
export class ChangeStream implements AsyncIterableIterator<ChangeEvent> {
  readonly #feed: ChangeFeed;
  readonly #options: ChangeStreamOptions;
  readonly #backlog: ChangeEvent[] = [];
  readonly #unsubscribe: () => void;
  readonly #replayUntil: bigint;
  #replayed: ChangeEvent[] = [];
  #last: bigint;
  #overflowed = false;
  #ended = false;
  #waiting: { resolve(result: IteratorResult<ChangeEvent, undefined>): void; reject(error: unknown): void } | undefined;

  constructor(feed: ChangeFeed, options: ChangeStreamOptions) {
    this.#feed = feed;
    this.#options = options;
    this.#last = options.after;
    this.#replayUntil = feed.position;
    this.#unsubscribe = feed.subscribe((change) => this.#receive(change));
    options.signal.addEventListener("abort", () => void this.return(), { once: true });
  }

  async next(): Promise<IteratorResult<ChangeEvent, undefined>> {
    while (!this.#ended) {
      const replayed = await this.#nextReplayed();
      if (replayed) return { done: false, value: replayed };
      if (this.#overflowed) {
        await this.return();
        throw new GraphQLError(
          `This subscription fell more than ${this.#options.maxBacklog} changes behind; subscribe again with \`after: "${this.#last}"\`.`,
          { extensions: { code: ErrorCode.SUBSCRIBER_TOO_SLOW, after: this.#last.toString() } },
        );
      }
      const next = this.#backlog.shift();
      if (next === undefined) return new Promise((resolve, reject) => (this.#waiting = { resolve, reject }));
      if (next.sequence <= this.#last) continue;
      this.#last = next.sequence;
      return { done: false, value: next };
    }
    return DONE;
  }

  async return(): Promise<IteratorReturnResult<undefined>> {
    if (!this.#ended) {
      this.#ended = true;
      this.#unsubscribe();
      this.#wake(DONE);
    }
    return DONE;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  #receive(change: ChangeEvent): void {
    if (!this.#options.wanted(change)) return;
    if (this.#waiting && this.#replayed.length === 0 && this.#last >= this.#replayUntil && change.sequence > this.#last) {
      this.#last = change.sequence;
      this.#wake({ done: false, value: change });
    } else if (this.#backlog.length >= this.#options.maxBacklog) {
      this.#overflowed = true;
      this.#wake(undefined);
    } else {
      this.#backlog.push(change);
      this.#wake(undefined);
    }
  }

  /** Resolves a waiting `next()` with `result`, or lets it look again when `result` is undefined. */
  #wake(result: IteratorResult<ChangeEvent, undefined> | undefined): void {
    const waiting = this.#waiting;
    if (!waiting) return;
    this.#waiting = undefined;
    if (result) waiting.resolve(result);
    else this.next().then(waiting.resolve, waiting.reject);
  }

  async #nextReplayed(): Promise<ChangeEvent | undefined> {
    while (!this.#ended && this.#last < this.#replayUntil) {
      if (this.#replayed.length === 0) {
        this.#replayed = await this.#feed.replay(this.#last);
        if (this.#replayed.length === 0) return undefined;
      }
      const change = this.#replayed.shift()!;
      if (change.sequence > this.#replayUntil) {
        this.#replayed = [];
        return undefined;
      }
      this.#last = change.sequence;
      if (this.#options.wanted(change)) return change;
    }
    return undefined;
  }
}
