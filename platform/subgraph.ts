import { readFileSync } from "node:fs";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper/resolverMap.js";
import { isTypeDefinitionNode, isTypeExtensionNode, Kind, parse, print, visit, type DefinitionNode, type DocumentNode } from "graphql";
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

export function subgraphSdlPath(name: string): string {
  return new URL(`../schema/${name}.graphql`, import.meta.url).pathname;
}

/**
 * A subgraph's SDL: its own file, followed by the declarations of
 * schema/shared.graphql it uses, directly or through another of them, so
 * that what several subgraphs must declare alike is written once.
 */
export function readSubgraphSdl(name: string): string {
  const own = readFileSync(subgraphSdlPath(name), "utf8");
  const used = sharedDeclarationsUsedBy(parse(own));
  return used.length ? `${own}\n${print({ kind: Kind.DOCUMENT, definitions: used })}\n` : own;
}

const sharedSdlPath = new URL("../schema/shared.graphql", import.meta.url);

function sharedDeclarationsUsedBy(document: DocumentNode): DefinitionNode[] {
  const shared = new Map(parse(readFileSync(sharedSdlPath, "utf8")).definitions.map((definition) => [declaredName(definition), definition]));
  for (const definition of document.definitions) shared.delete(declaredName(definition));
  const used = new Map<string, DefinitionNode>();
  const unread: DefinitionNode[] = [...document.definitions];
  const use = (name: string) => {
    const definition = shared.get(name);
    if (!definition || used.has(name)) return;
    used.set(name, definition);
    unread.push(definition);
  };
  while (unread.length) {
    const definition = unread.pop()!;
    // `extend type Subscription { … }` uses the shared `type Subscription` it extends.
    if (isTypeExtensionNode(definition)) use(definition.name.value);
    visit(definition, {
      NamedType: (node) => use(node.name.value),
      Directive: (node) => use(`@${node.name.value}`),
    });
  }
  return [...used.values()];
}

/** The name a definition declares, directives with their `@`; none for an extension. */
function declaredName(definition: DefinitionNode): string | undefined {
  if (!isTypeDefinitionNode(definition) && definition.kind !== Kind.DIRECTIVE_DEFINITION) return undefined;
  return definition.kind === Kind.DIRECTIVE_DEFINITION ? `@${definition.name.value}` : definition.name.value;
}

export function subgraphTypeDefs(name: string): DocumentNode {
  return parse(readSubgraphSdl(name));
}
