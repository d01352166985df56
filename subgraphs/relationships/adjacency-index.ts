import type { ChangeFeed } from "../../platform/changes/change-feed.ts";
import { IndexedMemory, type EntityMemoryOptions } from "../../platform/changes/entity-memory.ts";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import type { SubgraphMemory } from "../../platform/subgraph.ts";
import { findRelationshipsByIds, relationshipColumns, type RelationshipRow } from "./relationship-store.ts";

/** Every link that touches an agency, either end, in recorded (id) order. */
export interface LinksByAgency {
  linksOf(agencyId: string): readonly RelationshipRow[];
}

/**
 * Every relationship in memory (an EntityMemory: read at start, kept fresh
 * from the change feed, SQL the fallback), also by the agencies at its ends,
 * in id order, so that graph walks cost no SQL. The recursive SQL of
 * `graph-store.ts` and the Prisma reads of `relationship-store.ts` stay as
 * the fallback, and are what the index is tested against.
 */
export class AdjacencyIndex extends IndexedMemory<RelationshipRow> implements LinksByAgency, SubgraphMemory {
  readonly #byAgency = new Map<string, RelationshipRow[]>();

  private constructor(prisma: PrismaClient, options: EntityMemoryOptions) {
    super(
      {
        entityType: "Relationship",
        readPage: (after, limit) =>
          prisma.relationship.findMany({
            ...(after && { where: { id: { gt: after } } }),
            select: relationshipColumns,
            orderBy: { id: "asc" },
            take: limit,
          }),
        readByIds: (ids) => findRelationshipsByIds(prisma, ids),
      },
      options,
    );
  }

  static async start(prisma: PrismaClient, changes: ChangeFeed, options: EntityMemoryOptions = {}): Promise<AdjacencyIndex> {
    const index = new AdjacencyIndex(prisma, options);
    await index.rows.start(changes);
    return index;
  }

  /** How many links the index holds. */
  get size(): number {
    return this.rows.size;
  }

  linksOf(agencyId: string): readonly RelationshipRow[] {
    return this.#byAgency.get(agencyId) ?? NO_LINKS;
  }

  protected index(row: RelationshipRow): void {
    this.#attach(row.fromAgencyId, row);
    this.#attach(row.toAgencyId, row);
  }

  protected unindex(row: RelationshipRow): void {
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

const NO_LINKS: readonly RelationshipRow[] = Object.freeze([]);
