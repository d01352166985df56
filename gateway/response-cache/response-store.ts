import { LRUCache } from "lru-cache";
import type { CacheHint } from "./fetch-log.ts";

/** A response kept for later callers, with what it depended on. */
export interface StoredResponse {
  data: Record<string, unknown>;
  /** The subgraphs' cache hint, for the response's Cache-Control when served again. */
  hint: CacheHint;
  /** The subgraphs it was read from: a change to any of them evicts it. */
  subgraphs: readonly string[];
  /** The last change on the feed its data is known to reflect, and every one before. */
  reflects: bigint;
}

export interface ResponseStoreOptions {
  maxBytes: number;
  /** A ceiling on any entry's life, against writes that bypass the change feed (none should). */
  ttlMs: number;
}

/**
 * Responses by key, least recently used evicted first past `maxBytes`,
 * each evicted as soon as a change reaches a subgraph it was read from.
 *
 * The feed's sequences order fills and changes: a subgraph is stamped with
 * the sequence of the last change to it, and a response with the last
 * change its data reflects. A response read from a subgraph stamped later
 * may predate that change, so it is not kept, nor served if it was.
 */
export class ResponseStore {
  readonly #entries: LRUCache<string, StoredResponse>;
  readonly #changedAt = new Map<string, bigint>();

  constructor({ maxBytes, ttlMs }: ResponseStoreOptions) {
    this.#entries = new LRUCache<string, StoredResponse>({
      maxSize: maxBytes,
      ttl: ttlMs,
      sizeCalculation: (entry) => Math.max(1, Buffer.byteLength(JSON.stringify(entry.data))),
    });
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): StoredResponse | undefined {
    const entry = this.#entries.get(key);
    if (entry && !this.#current(entry)) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Keeps `entry` unless a subgraph it was read from changed since its operation began. */
  set(key: string, entry: StoredResponse): void {
    if (this.#current(entry)) this.#entries.set(key, entry);
  }

  /** Evicts every response read from one of `subgraphs`, which the change `sequence` altered. */
  changed(subgraphs: readonly string[], sequence: bigint): void {
    for (const subgraph of subgraphs) this.#changedAt.set(subgraph, sequence);
    const evicted: string[] = [];
    for (const [key, entry] of this.#entries.entries()) {
      if (entry.subgraphs.some((subgraph) => subgraphs.includes(subgraph))) evicted.push(key);
    }
    for (const key of evicted) this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  #current(entry: StoredResponse): boolean {
    return entry.subgraphs.every((subgraph) => (this.#changedAt.get(subgraph) ?? 0n) <= entry.reflects);
  }
}
