import type { Agency } from "../../generated/prisma/client.ts";
import type { ChangeFeed } from "../../platform/changes/change-feed.ts";
import { IndexedMemory, readThrough, type EntityMemoryOptions } from "../../platform/changes/entity-memory.ts";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import type { SubgraphMemory } from "../../platform/subgraph.ts";
import { findAgenciesByIds, findAgencyBySlug, findAgencyPage } from "./agency-store.ts";

/**
 * Every agency in memory (an EntityMemory: read at start, kept fresh from
 * the change feed, SQL the fallback), by id and by slug, so that the reads
 * on nearly every request's path (an agency by slug, partners' and
 * neighbours' names by id) cost no SQL. Lists, counts and searches stay in
 * SQL.
 */
export class AgencyDirectory extends IndexedMemory<Agency> implements SubgraphMemory {
  readonly #idBySlug = new Map<string, string>();

  private constructor(prisma: PrismaClient, options: EntityMemoryOptions) {
    super(
      {
        entityType: "Agency",
        readPage: (after, limit) => findAgencyPage(prisma, after, limit),
        readByIds: (ids) => findAgenciesByIds(prisma, ids),
      },
      options,
    );
  }

  static async start(prisma: PrismaClient, changes: ChangeFeed, options: EntityMemoryOptions = {}): Promise<AgencyDirectory> {
    const directory = new AgencyDirectory(prisma, options);
    await directory.rows.start(changes);
    return directory;
  }

  bySlug(slug: string): Agency | undefined {
    const id = this.#idBySlug.get(slug);
    return id === undefined ? undefined : this.rows.get(id);
  }

  /** Holds an agency the caller read from SQL itself (one the feed never named, such as a row inserted by hand). */
  hold(agency: Agency): void {
    this.rows.hold(agency);
  }

  protected index(agency: Agency): void {
    this.#idBySlug.set(agency.slug, agency.id);
  }

  protected unindex(agency: Agency): void {
    if (this.#idBySlug.get(agency.slug) === agency.id) this.#idBySlug.delete(agency.slug);
  }
}

/** An agency by slug, and agencies by id in order. */
export interface AgencyReads {
  byIds(ids: readonly string[]): Promise<(Agency | null)[]>;
  bySlug(slug: string): Promise<Agency | null>;
}

/**
 * Agency reads answered from the directory when it is running and can
 * vouch for itself, else from SQL; what the directory lacks is read from
 * SQL and held from then on.
 */
export function agencyReads(prisma: PrismaClient, directory: AgencyDirectory | undefined): AgencyReads {
  return {
    byIds: (ids) =>
      readThrough(directory, ids, (some) => findAgenciesByIds(prisma, some), (agency) => directory?.hold(agency)),
    async bySlug(slug) {
      if (!directory || !(await directory.current())) return findAgencyBySlug(prisma, slug);
      const held = directory.bySlug(slug);
      if (held) return held;
      const read = await findAgencyBySlug(prisma, slug);
      if (read) directory.hold(read);
      return read;
    },
  };
}
