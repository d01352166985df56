import { startSupergraph, type RunningSupergraph } from "../../gateway/start-supergraph.ts";
import { applyMigrations } from "../../platform/database/migrations.ts";
import { createPrismaClient, type PrismaClient } from "../../platform/database/prisma.ts";
import { seedDatabase } from "../../prisma/seed/index.ts";
import { createTestDatabase, type TestDatabase } from "./test-database.ts";

export interface GraphQLResponse<Data = any> {
  status: number;
  headers: Headers;
  body: {
    data?: Data | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [key: string]: unknown } }[];
  };
}

export interface TestSupergraph {
  readonly database: TestDatabase;
  readonly supergraph: RunningSupergraph;
  /** Posts an operation to the gateway, as a client would. */
  query<Data = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<Data>>;
  /** Posts an operation straight to one subgraph, bypassing the gateway. */
  querySubgraph<Data = any>(name: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<Data>>;
  /** SQL statements the subgraphs have sent since the last reset. */
  readonly statements: string[];
  stop(): Promise<void>;
}

export interface TestSupergraphOptions {
  /** Fills the freshly migrated database; the page's seed data by default. */
  seed?: (prisma: PrismaClient) => Promise<unknown>;
}

/**
 * Boots the whole supergraph on free ports over a fresh, migrated and
 * seeded database, and talks to it over HTTP.
 */
export async function startTestSupergraph({
  seed = seedDatabase,
}: TestSupergraphOptions = {}): Promise<TestSupergraph> {
  const database = await createTestDatabase();
  const statements: string[] = [];
  try {
    await applyMigrations(database.url);
    await withPrisma(database.url, seed);
    const supergraph = await startSupergraph({
      databaseUrl: database.url,
      host: "127.0.0.1",
      gatewayPort: 0,
      subgraphPort: () => 0,
      development: true,
      prisma: { onQuery: (sql) => statements.push(sql) },
    });
    const subgraphUrl = (name: string) => {
      const server = supergraph.subgraphs[name];
      if (!server) throw new Error(`No subgraph named ${name}`);
      return server.url;
    };
    return {
      database,
      supergraph,
      statements,
      query: (query, variables) => postGraphQL(supergraph.gateway.url, query, variables),
      querySubgraph: (name, query, variables) => postGraphQL(subgraphUrl(name), query, variables),
      async stop() {
        await supergraph.stop();
        await database.dispose();
      },
    };
  } catch (error) {
    await database.dispose();
    throw error;
  }
}

async function withPrisma(databaseUrl: string, work: (prisma: PrismaClient) => Promise<unknown>) {
  const prisma = createPrismaClient(databaseUrl, { poolSize: 2 });
  try {
    await work(prisma);
  } finally {
    await prisma.$disconnect();
  }
}

export async function postGraphQL(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}
