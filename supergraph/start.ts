import { callerAuthenticator } from "../gateway/authenticate.ts";
import { developmentTokenHeaders } from "../gateway/explorer.ts";
import { buildGateway } from "../gateway/gateway-server.ts";
import {
  gatewaySigningKey,
  internalTokenVerifier,
  type GatewaySigningKey,
} from "../platform/auth/internal-token.ts";
import type { AuthSettings, BrowserSettings, HttpTimeouts, OperationSettings, ResponseCacheConfig } from "../platform/config.ts";
import { ChangeFeed, CHANGE_RETENTION_MS } from "../platform/changes/change-feed.ts";
import { prismaChangeLog } from "../platform/changes/change-log.ts";
import { createPrismaClient, type PrismaClientOptions } from "../platform/database/prisma.ts";
import type { RunningServer, StopOptions } from "../platform/http/graphql-server.ts";
import type { Observability } from "../platform/observability/observability.ts";
import { buildSubgraphServer } from "../platform/subgraph-server.ts";
import { loadSubgraphs, type LoadedSubgraph } from "./registry.ts";

export interface SupergraphOptions {
  databaseUrl: string;
  host: string;
  gatewayPort: number;
  subgraphPort: (subgraph: LoadedSubgraph) => number;
  development: boolean;
  auth: AuthSettings;
  browser: BrowserSettings;
  /** The gateway's response cache; off when undefined. */
  responseCache?: ResponseCacheConfig;
  /** Passed to the Prisma client the subgraphs share (e.g. to count SQL). */
  prisma?: PrismaClientOptions;
  /**
   * Whether the change feed LISTENs for Postgres's notifications: on a
   * Postgres server, so writes by other processes reach this gateway's
   * subscribers at once; not on embedded Postgres, where notifications
   * never reach another connection and this process's own commits wake it.
   */
  listenForChanges: boolean;
  /** Cut slow clients of the gateway and the subgraphs; the defaults when left out. */
  timeouts?: HttpTimeouts;
  observability: Observability;
  /** Each operation's deadline and response cap, in the gateway. */
  operations?: OperationSettings;
}

export interface RunningSupergraph {
  readonly gateway: RunningServer;
  readonly subgraphs: Readonly<Record<string, RunningServer>>;
  /** The key the subgraphs of this run trust. */
  readonly signingKey: GatewaySigningKey;
  /** The change feed the gateway serves subscriptions from and subgraphs keep their memory fresh from. */
  readonly changeFeed: ChangeFeed;
  /**
   * Drains the gateway first (unready at once, its listener closed after
   * `delayMs`), so what it has in flight still reaches the subgraphs; then
   * the change feed, the subgraphs and the database pool. Connections
   * still open at `deadline` are cut.
   */
  stop(options?: StopOptions): Promise<void>;
}

/**
 * Runs every registered subgraph and the gateway in this process, each on
 * its own port and speaking HTTP to each other as separate deployments
 * would. The gateway's signing key is made for this run and handed to the
 * subgraphs.
 */
export async function startSupergraph(options: SupergraphOptions): Promise<RunningSupergraph> {
  const prisma = createPrismaClient(options.databaseUrl, options.prisma);
  const signingKey = await gatewaySigningKey();
  const servers: Record<string, RunningServer> = {};
  let gateway: RunningServer | undefined;
  let changeFeed: ChangeFeed | undefined;
  const stop = async ({ delayMs, deadline }: StopOptions = {}) => {
    await gateway?.stop({ delayMs, deadline });
    await Promise.allSettled(Object.values(servers).map((server) => server.stop({ deadline })));
    await changeFeed?.stop();
    await prisma.$disconnect();
  };
  try {
    changeFeed = await ChangeFeed.start({
      log: prismaChangeLog(prisma),
      ...(options.listenForChanges && { notificationsUrl: options.databaseUrl }),
      retentionMs: CHANGE_RETENTION_MS,
    });
    for (const subgraph of await loadSubgraphs()) {
      const server = await buildSubgraphServer(subgraph, {
        prisma,
        development: options.development,
        authenticateCaller: internalTokenVerifier(subgraph.name, signingKey.jwks),
        timeouts: options.timeouts,
        changes: changeFeed,
        observability: options.observability,
      });
      servers[subgraph.name] = await server.listen(options.host, options.subgraphPort(subgraph));
    }
    const gatewayServer = await buildGateway({
      changeFeed,
      subgraphUrls: Object.fromEntries(Object.entries(servers).map(([name, server]) => [name, server.url])),
      development: options.development,
      authenticate: callerAuthenticator(options.auth),
      signingKey,
      browser: options.browser,
      responseCache: options.responseCache,
      explorerHeaders: options.development ? developmentTokenHeaders(options.auth) : undefined,
      timeouts: options.timeouts,
      observability: options.observability,
      operations: options.operations,
    });
    gateway = await gatewayServer.listen(options.host, options.gatewayPort);
    return { gateway, subgraphs: servers, signingKey, changeFeed, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
