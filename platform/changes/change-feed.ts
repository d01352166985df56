import type { ChangeEvent } from "./change-event.ts";
import type { ChangeLog } from "./change-log.ts";
import { listenForChanges } from "./notifications.ts";
import { onCommittedChange } from "./record-change.ts";

export interface ChangeFeedOptions {
  log: ChangeLog;
  /** A Postgres server to LISTEN on; without it (embedded Postgres) the feed wakes on this process's own writes and its timer. */
  notificationsUrl?: string;
  /** How often the feed reads anyway, so no missed signal delays a change for longer. */
  pollIntervalMs?: number;
  /** How long changes are kept; older ones are pruned hourly. Undefined keeps them. */
  retentionMs?: number;
  /** Where delivery and connection problems are reported. */
  onError?: (error: unknown) => void;
}

export type ChangeListener = (event: ChangeEvent) => void;

/** How long recorded changes are kept for subscribers catching up: a week. */
export const CHANGE_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

const PAGE = 500;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

/**
 * Follows the change log from where it stands when the feed starts and hands
 * every later change to each listener, in sequence order, at least once.
 * It reads whenever Postgres announces a change, a write in this process
 * commits, the LISTEN connection comes back, or its timer fires; the log is
 * the truth, so a missed announcement only delays a change until then.
 */
export class ChangeFeed {
  readonly #log: ChangeLog;
  readonly #listeners = new Set<ChangeListener>();
  readonly #onError: (error: unknown) => void;
  readonly #stops: (() => unknown)[] = [];
  #position: bigint;
  #reading: Promise<void> | undefined;
  #readAgain = false;
  #stopped = false;

  private constructor(log: ChangeLog, position: bigint, onError: (error: unknown) => void) {
    this.#log = log;
    this.#position = position;
    this.#onError = onError;
  }

  static async start(options: ChangeFeedOptions): Promise<ChangeFeed> {
    const onError = options.onError ?? (() => undefined);
    const feed = new ChangeFeed(options.log, await options.log.latestSequence(), onError);
    const wake = () => feed.#wake();
    feed.#stops.push(onCommittedChange(wake));
    if (options.notificationsUrl) {
      const notifications = listenForChanges(options.notificationsUrl, { onChange: wake, onListening: wake, onError });
      feed.#stops.push(() => notifications.stop());
    }
    const poll = setInterval(wake, options.pollIntervalMs ?? 2_000).unref();
    feed.#stops.push(() => clearInterval(poll));
    if (options.retentionMs !== undefined) {
      const retentionMs = options.retentionMs;
      const prune = () => void options.log.prune(new Date(Date.now() - retentionMs)).catch(onError);
      prune();
      const pruning = setInterval(prune, PRUNE_EVERY_MS).unref();
      feed.#stops.push(() => clearInterval(pruning));
    }
    return feed;
  }

  /** The last sequence delivered to listeners. */
  get position(): bigint {
    return this.#position;
  }

  /** The last sequence committed in the database, which the feed may not have read yet. */
  latestCommitted(): Promise<bigint> {
    return this.#log.latestSequence();
  }

  /**
   * Whether a subscriber can resume after the change with this sequence:
   * it is still kept, so every later change is too. False for one pruned
   * (older than the retention) or never made.
   */
  holds(sequence: bigint): Promise<boolean> {
    return this.#log.holds(sequence);
  }

  /** Calls `listener` with every change delivered from now on; returns how to stop. */
  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The changes after `after` up to the feed's position, for a subscriber catching up. */
  async replay(after: bigint, limit = PAGE): Promise<ChangeEvent[]> {
    const events = await this.#log.readAfter(after, limit);
    return events.filter((event) => event.sequence <= this.#position);
  }

  /** Reads and delivers everything committed before this call. */
  async catchUp(): Promise<void> {
    await this.#reading;
    this.#wake();
    await this.#reading;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await Promise.all(this.#stops.map((stop) => stop()));
    await this.#reading;
  }

  #wake(): void {
    if (this.#stopped) return;
    if (this.#reading) {
      this.#readAgain = true;
      return;
    }
    this.#reading = this.#readAll()
      .catch(this.#onError)
      .finally(() => {
        this.#reading = undefined;
        if (this.#readAgain) {
          this.#readAgain = false;
          this.#wake();
        }
      });
  }

  async #readAll(): Promise<void> {
    for (;;) {
      const events = await this.#log.readAfter(this.#position, PAGE);
      for (const event of events) {
        this.#position = event.sequence;
        for (const listener of this.#listeners) {
          try {
            listener(event);
          } catch (error) {
            this.#onError(error);
          }
        }
      }
      if (events.length < PAGE || this.#stopped) return;
    }
  }
}
