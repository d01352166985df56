import { callerAuthenticator } from "../../gateway/authenticate.ts";
import { buildGateway } from "../../gateway/gateway-server.ts";
import { ChangeFeed } from "../../platform/changes/change-feed.ts";
import { changeLog } from "../../platform/changes/change-log.ts";
import { createPrismaClient } from "../../platform/database/prisma.ts";
import type { RunningServer } from "../../platform/http/graphql-server.ts";
import { postGraphQL, TEST_RESPONSE_CACHE, type RequestOptions, type TestSupergraph } from "./test-supergraph.ts";
import type { GraphQLResponse } from "./responses.ts";
import { testObservability } from "./test-logs.ts";

export interface ReplicaOptions {
  /** Whether its response cache is on. */
  responseCache?: boolean;
  /**
   * Whether its change feed hears of changes by itself: Postgres's
   * notifications (on a server) and its timer every 2 s. When false it
   * hears of them only when something asks it to catch up, as when
   * notifications are lost.
   */
  hearsChanges?: boolean;
  /** Subgraphs it reaches elsewhere than the supergraph's, by name. */
  subgraphUrls?: Record<string, string>;
}

export interface GatewayReplica {
  readonly server: RunningServer;
  readonly feed: ChangeFeed;
  query<Data = any>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<GraphQLResponse<Data>>;
  stop(): Promise<void>;
}

/** Another gateway over the same subgraphs and database, following the change feed with a connection of its own. */
export async function startGatewayReplica(
  liaison: TestSupergraph,
  { responseCache = false, hearsChanges = true, subgraphUrls = {} }: ReplicaOptions = {},
): Promise<GatewayReplica> {
  const prisma = createPrismaClient(liaison.database.url, { poolSize: 1 });
  const feed = await ChangeFeed.start({
    log: changeLog((sql, values) => prisma.$queryRawUnsafe(sql, ...values)),
    ...(hearsChanges && liaison.database.kind === "server" && { notificationsUrl: liaison.database.url }),
    ...(!hearsChanges && { pollIntervalMs: 60 * 60 * 1000 }),
  });
  const gateway = await buildGateway({
    subgraphUrls: {
      ...Object.fromEntries(Object.entries(liaison.supergraph.subgraphs).map(([name, server]) => [name, server.url])),
      ...subgraphUrls,
    },
    development: true,
    authenticate: callerAuthenticator(liaison.auth),
    signingKey: liaison.supergraph.signingKey,
    changeFeed: feed,
    ...(responseCache && { responseCache: TEST_RESPONSE_CACHE }),
    observability: testObservability(),
  });
  const server = await gateway.listen("127.0.0.1", 0);
  return {
    server,
    feed,
    query: (query, variables, options) => postGraphQL(server.url, query, variables, options),
    async stop() {
      await server.stop();
      await feed.stop();
      await prisma.$disconnect();
    },
  };
}
