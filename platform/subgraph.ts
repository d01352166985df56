import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper/resolverMap.js";
import type { Identity } from "./auth/identity.ts";
import type { ChangeFeed } from "./changes/change-feed.ts";
import type { PrismaClient } from "./database/prisma.ts";

/** What the platform adds to every subgraph's context: who is asking. */
export interface RequestContext {
  identity: Identity;
}

/** How a subgraph fills its tables with the page's data. */
export interface SubgraphSeed {
  /** Adds the seed rows the tables lack and leaves the rest alone; returns how many seed rows there are. */
  run(prisma: PrismaClient): Promise<number>;
  /** Whether the subgraph's tables hold any data yet. */
  hasData(prisma: PrismaClient): Promise<boolean>;
}

/**
 * What a subgraph keeps in memory across requests (e.g. an index of its rows
 * kept fresh from the change feed), built before it serves and stopped with
 * it. The database stays the truth: without it, the subgraph answers from SQL.
 */
export interface SubgraphMemory {
  stop(): Promise<void>;
}

/**
 * What makes a subgraph: its name (also the name of its SDL file in schema/
 * and of its Postgres schema), its resolvers, how to build the per-request
 * context its resolvers get, what it keeps in memory if anything, and its
 * seed data when it has some.
 */
export interface SubgraphDefinition {
  readonly name: string;
  readonly resolvers: GraphQLResolverMap<unknown>;
  /** Called once per request, so DataLoaders never outlive a request; `memory` is absent when none was started. */
  createContext(prisma: PrismaClient, identity: Identity, memory: SubgraphMemory | undefined): object;
  /** Builds the subgraph's memory from the database and keeps it fresh from `changes`. */
  startMemory?(prisma: PrismaClient, changes: ChangeFeed): Promise<SubgraphMemory>;
  readonly seed?: SubgraphSeed;
}

/**
 * Checks that a subgraph's resolvers expect the context it builds.
 * `buildSubgraphSchema` types every resolver's context as `unknown`, so the
 * definition is widened only after that check.
 */
export function defineSubgraph<Context extends object, Memory extends SubgraphMemory = never>(definition: {
  name: string;
  resolvers: GraphQLResolverMap<Context & RequestContext>;
  createContext(prisma: PrismaClient, identity: Identity, memory: Memory | undefined): Context;
  startMemory?(prisma: PrismaClient, changes: ChangeFeed): Promise<Memory>;
  seed?: SubgraphSeed;
}): SubgraphDefinition {
  return definition as SubgraphDefinition;
}
