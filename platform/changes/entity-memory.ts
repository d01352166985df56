import type { ChangeEvent } from "./change-event.ts";
import type { ChangeFeed } from "./change-feed.ts";
import { onCommittedChange, writeUnderWay, type CommittedChange } from "./record-change.ts";

/** A versioned row a subgraph keeps in memory. */
export interface VersionedRow {
  readonly id: string;
  readonly version: number;
}

/** Where an EntityMemory reads its rows, and what it does as they come and go. */
export interface EntityMemorySource<Row extends VersionedRow> {
  /** The GraphQL type whose changes name these rows, e.g. `Relationship`. */
  readonly entityType: string;
  /** Up to `limit` rows with ids after `after` (from the first without it), in id order. */
  readPage(after: string | undefined, limit: number): Promise<Row[]>;
  /** The rows with `ids`, in order, null where none is. */
  readByIds(ids: readonly string[]): Promise<(Row | null)[]>;
  /** Called when `row` is held, replacing `previous` when it held an earlier version. */
  held?(row: Row, previous: Row | undefined): void;
  /** Called when `row` is let go: the database no longer has it. */
  dropped?(row: Row): void;
}

export interface EntityMemoryOptions {
  /** Where failures to read the database in the background are reported. */
  onError?: (error: unknown) => void;
}

// Rows read per statement while the memory is first filled.
const LOAD_PAGE = 10_000;

/**
 * Every row of one entity type in memory, by id, read from the database
 * once at start and kept fresh from the change feed, so that a subgraph's
 * hot reads cost no SQL. The database stays the truth: a caller asks
 * `current()` before answering and falls back to SQL when the memory cannot
 * vouch for itself.
 *
 * - A write committed by this process hands over the row as it left it
 *   before the write answers (`onCommittedChange`), so the writer's next
 *   read sees it; when the feed later delivers that change, the row's
 *   version is held already and nothing is read.
 * - A change by another process arrives by the feed (NOTIFY on a Postgres
 *   server, the feed's timer otherwise) and the row it names is read again
 *   by id, or let go when it is gone. Ids are never reused, so a deleted id
 *   is remembered and a read begun before the delete cannot bring it back.
 * - `current()` waits for such a read under way and answers false when the
 *   last one failed.
 */
export class EntityMemory<Row extends VersionedRow> {
  readonly #source: EntityMemorySource<Row>;
  readonly #onError: (error: unknown) => void;
  readonly #rows = new Map<string, Row>();
  readonly #deleted = new Set<string>();
  /** Rows a change named, by id, with the version it named (null: read whatever is there). */
  readonly #pending = new Map<string, number | null>();
  readonly #stops: (() => unknown)[] = [];
  #loaded = false;
  #refreshing: Promise<void> | undefined;
  #refreshFailed = false;

  constructor(source: EntityMemorySource<Row>, options: EntityMemoryOptions = {}) {
    this.#source = source;
    this.#onError = options.onError ?? (() => undefined);
  }

  /** Subscribes to `changes`, then reads every row: a change committed while it reads is read again afterwards. */
  async start(changes: ChangeFeed): Promise<void> {
    this.#stops.push(
      onCommittedChange((committed) => this.#committedHere(committed)),
      changes.subscribe((event) => this.#changed(event)),
    );
    try {
      await this.#loadAll();
    } catch (error) {
      await this.stop();
      throw error;
    }
    this.#loaded = true;
    await this.#refresh();
  }

  /** How many rows it holds. */
  get size(): number {
    return this.#rows.size;
  }

  get(id: string): Row | undefined {
    return this.#rows.get(id);
  }

  /** Holds a row the caller read from the database itself, unless a later version is held or it was deleted. */
  hold(row: Row): void {
    this.#put(row);
  }

  /** Whether the memory may answer now (see the class comment). */
  async current(): Promise<boolean> {
    if (this.#pending.size > 0 || this.#refreshing) await this.#refresh();
    return !this.#refreshFailed;
  }

  async stop(): Promise<void> {
    for (const stop of this.#stops.splice(0)) stop();
    await this.#refreshing;
  }

  #committedHere(changes: readonly CommittedChange[]): void {
    for (const change of changes) {
      if (change.entityType !== this.#source.entityType) continue;
      if (change.after) this.#put(change.after as Row);
      else this.#delete(change.entityId);
    }
  }

  #changed(event: ChangeEvent): void {
    if (event.entityType !== this.#source.entityType || this.#deleted.has(event.entityId)) return;
    const held = this.#rows.get(event.entityId);
    if (held && event.version !== null && held.version >= event.version) return;
    this.#pending.set(event.entityId, event.version);
    if (this.#loaded) void this.#refresh();
  }

  async #loadAll(): Promise<void> {
    let after: string | undefined;
    for (;;) {
      const rows = await this.#source.readPage(after, LOAD_PAGE);
      for (const row of rows) this.#put(row);
      if (rows.length < LOAD_PAGE) return;
      after = rows.at(-1)!.id;
    }
  }

  /** Reads the pending rows again, one batch at a time. */
  #refresh(): Promise<void> {
    this.#refreshing ??= this.#refreshPending().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async #refreshPending(): Promise<void> {
    for (;;) {
      // A change this process is committing itself may reach the feed before
      // its writer hears of the commit; its announcement hands the row over,
      // so it is not read back for nothing.
      await Promise.all([...this.#pending.keys()].map(writeUnderWay));
      for (const [id, version] of this.#pending) {
        const held = this.#rows.get(id);
        if (this.#deleted.has(id) || (held && version !== null && held.version >= version)) this.#pending.delete(id);
      }
      if (this.#pending.size === 0) break;
      const named = new Map(this.#pending);
      const ids = [...named.keys()];
      this.#pending.clear();
      let rows: (Row | null)[];
      try {
        rows = await this.#source.readByIds(ids);
      } catch (error) {
        for (const [id, version] of named) this.#pending.set(id, version);
        this.#refreshFailed = true;
        this.#onError(error);
        return;
      }
      ids.forEach((id, position) => {
        const row = rows[position];
        if (row) this.#put(row);
        else this.#delete(id);
      });
    }
    this.#refreshFailed = false;
  }

  #put(row: Row): void {
    if (this.#deleted.has(row.id)) return;
    const held = this.#rows.get(row.id);
    if (held && held.version > row.version) return;
    this.#rows.set(row.id, row);
    this.#source.held?.(row, held);
  }

  #delete(id: string): void {
    this.#deleted.add(id);
    const held = this.#rows.get(id);
    if (!held) return;
    this.#rows.delete(id);
    this.#source.dropped?.(held);
  }
}

/** Where an IndexedMemory reads its rows: an EntityMemorySource, whose rows come and go through the index. */
export type IndexedMemorySource<Row extends VersionedRow> = Omit<EntityMemorySource<Row>, "held" | "dropped">;

/**
 * A subgraph's memory of one table: the rows in an EntityMemory, and an
 * index of them the subclass keeps (agencies by slug, links by agency,
 * articles by agency), updated as rows are held, replaced and let go.
 * Subclasses answer from the index once `current()` says they may.
 */
export abstract class IndexedMemory<Row extends VersionedRow> {
  protected readonly rows: EntityMemory<Row>;

  constructor(source: IndexedMemorySource<Row>, options: EntityMemoryOptions = {}) {
    this.rows = new EntityMemory<Row>(
      {
        ...source,
        held: (row, previous) => {
          if (previous) this.unindex(previous);
          this.index(row);
        },
        dropped: (row) => this.unindex(row),
      },
      options,
    );
  }

  /** Adds a row the memory now holds to the index. */
  protected abstract index(row: Row): void;

  /** Takes a row the memory no longer holds (or holds in a later version) out of the index. */
  protected abstract unindex(row: Row): void;

  byId(id: string): Row | undefined {
    return this.rows.get(id);
  }

  /** Whether the memory may answer now; false sends the caller to SQL. */
  current(): Promise<boolean> {
    return this.rows.current();
  }

  stop(): Promise<void> {
    return this.rows.stop();
  }
}

/**
 * Rows by id, in order: those `memory` holds when it runs and can vouch for
 * itself; the rest, or all of them when it cannot, from `read`, which
 * answers in the order of the ids it is given, null where none is. `keep`
 * is handed each row read for an id the memory lacked.
 */
export async function readThrough<Row extends VersionedRow, Read = Row>(
  memory: IndexedMemory<Row> | undefined,
  ids: readonly string[],
  read: (ids: readonly string[]) => Promise<(Read | null)[]>,
  keep?: (row: Read) => void,
): Promise<(Row | Read | null)[]> {
  if (!memory || !(await memory.current())) return read(ids);
  const held = ids.map((id) => memory.byId(id));
  const missing = ids.filter((_, position) => !held[position]);
  if (missing.length === 0) return held as Row[];
  const fetched = await read(missing);
  if (keep) for (const row of fetched) if (row) keep(row);
  let next = 0;
  return held.map((row) => row ?? fetched[next++] ?? null);
}
