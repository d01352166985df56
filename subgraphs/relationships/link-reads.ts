import type { RelationshipStatus } from "../../generated/prisma/client.ts";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import type { AdjacencyIndex } from "./adjacency-index.ts";
import { findNeighbourhoods, findShortestPath, type Neighbourhood } from "./graph-store.ts";
import { linksOfAgency, neighbourhoodOf, shortestPathBetween } from "./memory-walks.ts";
import { findRelationshipsOfAgencies, type AgencyLinksFilter, type RelationshipRow } from "./relationship-store.ts";

/** The reads the adjacency index can answer: ids taken with `entityId`. */
export interface LinkReads {
  /** Each agency's links matching `filter`, in the order of `agencyIds`, each list in recorded order. */
  linksOfAgencies(agencyIds: readonly string[], filter: AgencyLinksFilter): Promise<RelationshipRow[][]>;
  /** Each agency's neighbourhood, in the order of `agencyIds`. */
  neighbourhoods(agencyIds: readonly string[], depth: number, status: RelationshipStatus | null): Promise<Neighbourhood[]>;
  shortestPath(from: string, to: string, status: RelationshipStatus | null): Promise<RelationshipRow[] | null>;
}

/**
 * Reads from `index` while it can vouch for itself, and from SQL
 * (relationship-store.ts, graph-store.ts) without one or when it cannot:
 * the same answers either way.
 */
export function linkReads(prisma: PrismaClient, index: AdjacencyIndex | undefined): LinkReads {
  const fromMemory = async () => index !== undefined && (await index.current());
  return {
    async linksOfAgencies(agencyIds, filter) {
      if (await fromMemory()) return agencyIds.map((id) => linksOfAgency(index!, id, filter));
      return findRelationshipsOfAgencies(prisma, agencyIds, filter);
    },
    async neighbourhoods(agencyIds, depth, status) {
      if (await fromMemory()) return agencyIds.map((id) => neighbourhoodOf(index!, id, depth, status));
      return findNeighbourhoods(prisma, agencyIds, depth, status);
    },
    async shortestPath(from, to, status) {
      if (await fromMemory()) return shortestPathBetween(index!, from, to, status);
      return findShortestPath(prisma, from, to, status);
    },
  };
}
