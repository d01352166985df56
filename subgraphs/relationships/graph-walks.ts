import type { RelationshipStatus } from "../../generated/prisma/client.ts";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import type { AdjacencyIndex } from "./adjacency-index.ts";
import { findNeighbourhoods, findShortestPath, type Neighbourhood } from "./graph-store.ts";
import { neighbourhoodOf, shortestPathBetween } from "./memory-walks.ts";
import type { RelationshipRow } from "./relationship-store.ts";

/** The graph walks the resolvers answer from: ids taken with `entityId`. */
export interface GraphWalks {
  /** Each agency's neighbourhood, in the order of `agencyIds`. */
  neighbourhoods(agencyIds: readonly string[], depth: number, status: RelationshipStatus | null): Promise<Neighbourhood[]>;
  shortestPath(from: string, to: string, status: RelationshipStatus | null): Promise<RelationshipRow[] | null>;
}

/**
 * Walks in memory over `index` while it can vouch for itself, and in SQL
 * (graph-store.ts) without one or when it cannot: the same answers either way.
 */
export function graphWalks(prisma: PrismaClient, index: AdjacencyIndex | undefined): GraphWalks {
  return {
    async neighbourhoods(agencyIds, depth, status) {
      if (index && (await index.current())) return agencyIds.map((id) => neighbourhoodOf(index, id, depth, status));
      return findNeighbourhoods(prisma, agencyIds, depth, status);
    },
    async shortestPath(from, to, status) {
      if (index && (await index.current())) return shortestPathBetween(index, from, to, status);
      return findShortestPath(prisma, from, to, status);
    },
  };
}
