import type { ChangeEvent } from "../../platform/changes/change-event.ts";
import type { ChangeFeed } from "../../platform/changes/change-feed.ts";
import { onCommittedChange, writeUnderWay, type CommittedChange } from "../../platform/changes/record-change.ts";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import type { SubgraphMemory } from "../../platform/subgraph.ts";
import { findRelationshipsByIds, relationshipColumns, type RelationshipRow } from "./relationship-store.ts";

/** Every link that touches an agency, either end, in recorded (id) order. */
export interface LinksByAgency {
  linksOf(agencyId: string): readonly RelationshipRow[];
}

export interface AdjacencyIndexOptions {
  /** Where failures to read the database in the background are reported. */
  onError?: (error: unknown) => void;
}

// Rows read per statement while the index is first built.
const LOAD_PAGE = 10_000;

/**
 * Every relationship in memory, by id and by the agencies at its ends, so
 * that graph walks cost no SQL. It is read from the database once at start
 * and kept fresh from the change feed: a Relationship change made by another
 * process names a link, which is read again by id (or dropped when it is
 * gone). The database stays the truth; a caller asks `current()` before
 * answering and falls back to SQL when the index cannot vouch for itself.
 *
 * Read-your-writes: a write committed by this process hands the index the
 * link as it left it before the write answers (`onCommittedChange`), so the
 * next walk sees it, and its change, when the feed delivers it, costs
 * nothing more. Writes by other processes arrive with the feed's next read
 * (at once by NOTIFY on a Postgres server, by its timer otherwise).
 */
export class AdjacencyIndex implements LinksByAgency, SubgraphMemory {
  readonly #prisma: PrismaClient;
  readonly #onError: (error: unknown) => void;
  readonly #links = new Map<string, RelationshipRow>();
  readonly #byAgency = new Map<string, RelationshipRow[]>();
  /** Deleted links: ids are never reused, so a read that started before a delete cannot bring one back. */
  readonly #deleted = new Set<string>();
  /** Links a change named, by id, with the version it named (null: read whatever is there). */
  readonly #pending = new Map<string, number | null>();
  readonly #stops: (() => unknown)[] = [];
  #loaded = false;
  #refreshing: Promise<void> | undefined;
  #refreshFailed = false;

  private constructor(prisma: PrismaClient, options: AdjacencyIndexOptions) {
    this.#prisma = prisma;
    this.#onError = options.onError ?? (() => undefined);
  }

  /**
   * Subscribes to `changes`, then reads every link: a change committed
   * while it reads is read again afterwards, so none falls between the two.
   */
  static async start(prisma: PrismaClient, changes: ChangeFeed, options: AdjacencyIndexOptions = {}): Promise<AdjacencyIndex> {
    const index = new AdjacencyIndex(prisma, options);
    index.#stops.push(
      onCommittedChange((committed) => index.#committedHere(committed)),
      changes.subscribe((event) => index.#changed(event)),
    );
    try {
      await index.#loadAll();
    } catch (error) {
      await index.stop();
      throw error;
    }
    index.#loaded = true;
    await index.#refresh();
    return index;
  }

  /** How many links the index holds. */
  get size(): number {
    return this.#links.size;
  }

  linksOf(agencyId: string): readonly RelationshipRow[] {
    return this.#byAgency.get(agencyId) ?? NO_LINKS;
  }

  /**
   * Whether the index may answer now: every link a change named has been
   * read again (waiting for a read under way). False, when the database
   * could not be read, sends the caller to SQL.
   */
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
      if (change.entityType !== RELATIONSHIP) continue;
      if (change.after) this.#put(change.after as RelationshipRow);
      else this.#delete(change.entityId);
    }
  }

  #changed(event: ChangeEvent): void {
    if (event.entityType !== RELATIONSHIP || this.#deleted.has(event.entityId)) return;
    const held = this.#links.get(event.entityId);
    if (held && event.version !== null && held.version >= event.version) return;
    this.#pending.set(event.entityId, event.version);
    if (this.#loaded) void this.#refresh();
  }

  async #loadAll(): Promise<void> {
    let after: string | undefined;
    for (;;) {
      const rows = await this.#prisma.relationship.findMany({
        ...(after && { where: { id: { gt: after } } }),
        select: relationshipColumns,
        orderBy: { id: "asc" },
        take: LOAD_PAGE,
      });
      for (const row of rows) this.#put(row);
      if (rows.length < LOAD_PAGE) return;
      after = rows.at(-1)!.id;
    }
  }

  /** Reads the pending links again, one batch at a time. */
  #refresh(): Promise<void> {
    this.#refreshing ??= this.#refreshPending().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async #refreshPending(): Promise<void> {
    for (;;) {
      // A change this process is committing itself may reach the feed before
      // its writer hears of the commit; its announcement hands the link over,
      // so it is not read back for nothing.
      await Promise.all([...this.#pending.keys()].map(writeUnderWay));
      for (const [id, version] of this.#pending) {
        const held = this.#links.get(id);
        if (this.#deleted.has(id) || (held && version !== null && held.version >= version)) this.#pending.delete(id);
      }
      if (this.#pending.size === 0) break;
      const named = new Map(this.#pending);
      const ids = [...named.keys()];
      this.#pending.clear();
      let rows: (RelationshipRow | null)[];
      try {
        rows = await findRelationshipsByIds(this.#prisma, ids);
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

  /** Holds `row` unless the link is deleted or a later version of it is held already. */
  #put(row: RelationshipRow): void {
    if (this.#deleted.has(row.id)) return;
    const held = this.#links.get(row.id);
    if (held && held.version > row.version) return;
    if (held) this.#detachBoth(held);
    this.#links.set(row.id, row);
    this.#attach(row.fromAgencyId, row);
    this.#attach(row.toAgencyId, row);
  }

  #delete(id: string): void {
    this.#deleted.add(id);
    const held = this.#links.get(id);
    if (!held) return;
    this.#links.delete(id);
    this.#detachBoth(held);
  }

  #detachBoth(row: RelationshipRow): void {
    this.#detach(row.fromAgencyId, row.id);
    this.#detach(row.toAgencyId, row.id);
  }

  #attach(agencyId: string, row: RelationshipRow): void {
    const links = this.#byAgency.get(agencyId);
    if (!links) {
      this.#byAgency.set(agencyId, [row]);
      return;
    }
    // Ids are UUIDv7, so a new link nearly always goes last.
    let position = links.length;
    while (position > 0 && links[position - 1]!.id > row.id) position--;
    links.splice(position, 0, row);
  }

  #detach(agencyId: string, id: string): void {
    const links = this.#byAgency.get(agencyId);
    if (!links) return;
    const position = links.findIndex((link) => link.id === id);
    if (position >= 0) links.splice(position, 1);
    if (links.length === 0) this.#byAgency.delete(agencyId);
  }
}

const RELATIONSHIP = "Relationship";
const NO_LINKS: readonly RelationshipRow[] = Object.freeze([]);
