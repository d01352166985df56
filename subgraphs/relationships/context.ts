import DataLoader from "dataloader";
import type { RelationshipStatus } from "../../generated/prisma/client.ts";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import { keyedLoader, type KeyedRequest } from "../../platform/graphql/keyed-loader.ts";
import type { RequestContext } from "../../platform/subgraph.ts";
import type { AdjacencyIndex } from "./adjacency-index.ts";
import type { Neighbourhood } from "./graph-store.ts";
import { linkReads, type LinkReads } from "./link-reads.ts";
import { findRelationshipsByIds, type AgencyLinksFilter, type RelationshipRow } from "./relationship-store.ts";

export interface NeighbourhoodOptions {
  depth: number;
  status: RelationshipStatus | null;
}

export interface Context extends RequestContext {
  prisma: PrismaClient;
  /** Agencies' links, neighbourhoods and shortest paths: from the adjacency index when it is running, else from SQL. */
  links: LinkReads;
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
  const links = linkReads(prisma, index);
  return {
    prisma,
    links,
    relationshipById: new DataLoader((ids) => findRelationshipsByIds(prisma, ids)),
    relationshipsOfAgency: keyedLoader((ids, filter) => links.linksOfAgencies(ids, filter)),
    neighbourhoodOfAgency: keyedLoader((ids, { depth, status }) => links.neighbourhoods(ids, depth, status)),
  };
}
