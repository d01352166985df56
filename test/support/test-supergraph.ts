import { startSupergraph, type RunningSupergraph } from "../../supergraph/start.ts";
import { mintDevelopmentToken } from "../../platform/auth/development-token.ts";
import type { Role } from "../../platform/auth/identity.ts";
import { internalTokenIssuer } from "../../platform/auth/internal-token.ts";
import { readAuthSettings, readBrowserSettings, type AuthSettings, type OperationSettings } from "../../platform/config.ts";
import { EMBEDDED_POOL_SIZE } from "../../platform/database/embedded-postgres.ts";
import { createPrismaClient, type PrismaClient } from "../../platform/database/prisma.ts";
import type { GraphQLResponse } from "./responses.ts";
import { createTestDatabase, type TestDatabase } from "./test-database.ts";
import { testObservability } from "./test-logs.ts";
import type { Observability } from "../../platform/observability/observability.ts";

export type { GraphQLResponse };

export interface RequestOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  headers?: Record<string, string>;
  /** Sent beside the query and its variables. */
  operationName?: string;
  extensions?: Record<string, unknown>;
}

export interface TestSupergraph {
  readonly database: TestDatabase;
  readonly supergraph: RunningSupergraph;
  readonly auth: AuthSettings;
  /** Straight to the database, for what the API does not offer or must not show. */
  readonly prisma: PrismaClient;
  /** Posts an operation to the gateway, as a client would; anonymously unless given a token. */
  query<Data = any>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<GraphQLResponse<Data>>;
  /** A valid caller token with one role. */
  tokenFor(role: Role, subject?: string): Promise<string>;
  /** The token the gateway would send `subgraph` for a caller with one role. */
  gatewayTokenFor(subgraph: string, role?: Role): Promise<string>;
  /** Posts an operation straight to one subgraph, bypassing the gateway. */
  querySubgraph<Data = any>(name: string, query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<GraphQLResponse<Data>>;
  /** SQL statements the subgraphs have sent since the last reset. */
  readonly statements: string[];
  stop(): Promise<void>;
}

export interface TestSupergraphOptions {
  /** Fills the freshly migrated database; without it, the database holds the page's seed data. */
  seed?: (prisma: PrismaClient) => Promise<unknown>;
  /** Environment the auth settings are read from, as in development by default. */
  authEnv?: NodeJS.ProcessEnv;
  /** Environment the gateway's browser settings (CORS_ORIGINS, ...) are read from, as in development by default. */
  browserEnv?: NodeJS.ProcessEnv;
  /** Turns the gateway's response cache on, as RESPONSE_CACHE does; off by default so tests see every fetch. */
  responseCache?: boolean;
  /** What the servers report through; errors to the test output by default. */
  observability?: Observability;
  /** Serve as in production: internal errors masked, no stack traces, no explorer or introspection. */
  production?: boolean;
  /** Each operation's deadline and response cap; the defaults when left out. */
  operations?: OperationSettings;
  /** How long Postgres lets a subgraph's statement run; the default when left out. */
  statementTimeoutMs?: number;
}

/**
 * Boots the whole supergraph on free ports over a database of its own,
 * migrated and seeded, and talks to it over HTTP.
 */
export async function startTestSupergraph({
  seed,
  authEnv = {},
  browserEnv = {},
  responseCache = false,
  observability = testObservability(),
  production = false,
  operations,
  statementTimeoutMs,
}: TestSupergraphOptions = {}): Promise<TestSupergraph> {
  const auth = readAuthSettings(authEnv, "development");
  const database = await createTestDatabase(seed ? "migrated" : "seeded");
  const statements: string[] = [];
  let direct: PrismaClient | undefined;
  const directPrisma = () =>
    (direct ??= createPrismaClient(database.url, { poolSize: database.kind === "embedded" ? EMBEDDED_POOL_SIZE : 2 }));
  try {
    if (seed) await seed(directPrisma());
    const supergraph = await startSupergraph({
      databaseUrl: database.url,
      host: "127.0.0.1",
      gatewayPort: 0,
      subgraphPort: () => 0,
      development: !production,
      auth,
      listenForChanges: database.kind === "server",
      browser: readBrowserSettings(browserEnv, production ? "production" : "development"),
      ...(responseCache && { responseCache: TEST_RESPONSE_CACHE }),
      observability,
      ...(operations && { operations }),
      prisma: {
        ...(statementTimeoutMs !== undefined && { statementTimeoutMs }),
        // The change feed's own reads run in the background, not for an operation.
        onQuery: (sql) => {
          if (!isChangeFeedRead(sql)) statements.push(sql);
        },
        ...(database.kind === "embedded" && { poolSize: EMBEDDED_POOL_SIZE }),
      },
    });
    const issueInternalToken = internalTokenIssuer(supergraph.signingKey);
    const subgraphUrl = (name: string) => {
      const server = supergraph.subgraphs[name];
      if (!server) throw new Error(`No subgraph named ${name}`);
      return server.url;
    };
    return {
      database,
      supergraph,
      auth,
      statements,
      get prisma() {
        return directPrisma();
      },
      query: (query, variables, options) => postGraphQL(supergraph.gateway.url, query, variables, options),
      querySubgraph: (name, query, variables, options) => postGraphQL(subgraphUrl(name), query, variables, options),
      tokenFor: (role, subject = `test-${role}`) => mintDevelopmentToken(auth, { subject, roles: [role] }),
      gatewayTokenFor: (subgraph, role = "reader") =>
        issueInternalToken({ subject: `test-${role}`, roles: [role] }, subgraph),
      async stop() {
        await supergraph.stop();
        await direct?.$disconnect();
        await database.dispose();
      },
    };
  } catch (error) {
    await direct?.$disconnect();
    await database.dispose();
    throw error;
  }
}

/** The response cache tests turn on: small, so a runaway test shows. */
export const TEST_RESPONSE_CACHE = { maxBytes: 8 * 1024 * 1024 };

export async function postGraphQL(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  { token, headers, operationName, extensions }: RequestOptions = {},
): Promise<GraphQLResponse> {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token && { authorization: `Bearer ${token}` }),
      ...headers,
    },
    body: JSON.stringify({ query, variables, operationName, extensions }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** Whether `sql` reads the change feed (its position, its events), which runs beside operations rather than for them. */
export function isChangeFeedRead(sql: string): boolean {
  return /^\s*(SELECT|WITH gone)\b[\s\S]*\baudit\.change_event\b/.test(sql);
}
