import DataLoader from "dataloader";
import type { RelationshipStatus } from "../../generated/prisma/client.ts";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import { keyedLoader, type KeyedRequest } from "../../platform/graphql/keyed-loader.ts";
import type { RequestContext } from "../../platform/subgraph.ts";
import type { AdjacencyIndex } from "./adjacency-index.ts";
import { graphWalks, type GraphWalks } from "./graph-walks.ts";
import type { Neighbourhood } from "./graph-store.ts";
import {
  findRelationshipsByIds,
  findRelationshipsOfAgencies,
  type AgencyLinksFilter,
  type RelationshipRow,
} from "./relationship-store.ts";

export interface NeighbourhoodOptions {
  depth: number;
  status: RelationshipStatus | null;
}

export interface Context extends RequestContext {
  prisma: PrismaClient;
  /** Neighbourhoods and shortest paths, from the adjacency index when it is running, else from SQL. */
  walks: GraphWalks;
  relationshipById: DataLoader<string, RelationshipRow | null>;
  /** An agency's relationships matching a filter; partners are read from the same lists. */
  relationshipsOfAgency: DataLoader<KeyedRequest<AgencyLinksFilter>, RelationshipRow[], string>;
  neighbourhoodOfAgency: DataLoader<KeyedRequest<NeighbourhoodOptions>, Neighbourhood, string>;
}

export function createContext(
  prisma: PrismaClient,
  _identity: unknown,
  index: AdjacencyIndex | undefined,
): Omit<Context, keyof RequestContext> {
  const walks = graphWalks(prisma, index);
  return {
    prisma,
    walks,
    relationshipById: new DataLoader((ids) => findRelationshipsByIds(prisma, ids)),
    relationshipsOfAgency: keyedLoader((ids, filter) => findRelationshipsOfAgencies(prisma, ids, filter)),
    neighbourhoodOfAgency: keyedLoader((ids, { depth, status }) => walks.neighbourhoods(ids, depth, status)),
  };
}
