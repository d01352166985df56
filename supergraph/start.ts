import { callerAuthenticator } from "../gateway/authenticate.ts";
import { buildGateway } from "../gateway/gateway-server.ts";
import {
  gatewaySigningKey,
  internalTokenVerifier,
  type GatewaySigningKey,
} from "../platform/auth/internal-token.ts";
import type { AuthSettings } from "../platform/config.ts";
import { createPrismaClient, type PrismaClientOptions } from "../platform/database/prisma.ts";
import type { RunningServer } from "../platform/http/graphql-server.ts";
import { buildSubgraphServer } from "../platform/subgraph-server.ts";
import { loadSubgraphs, type LoadedSubgraph } from "./registry.ts";

export interface SupergraphOptions {
  databaseUrl: string;
  host: string;
  gatewayPort: number;
  subgraphPort: (subgraph: LoadedSubgraph) => number;
  development: boolean;
  auth: AuthSettings;
  /** Passed to the Prisma client the subgraphs share (e.g. to count SQL). */
  prisma?: PrismaClientOptions;
}

export interface RunningSupergraph {
  readonly gateway: RunningServer;
  readonly subgraphs: Readonly<Record<string, RunningServer>>;
  /** The key the subgraphs of this run trust. */
  readonly signingKey: GatewaySigningKey;
  /** Stops the gateway first, so what it has in flight can still reach the subgraphs, then the subgraphs. */
  stop(): Promise<void>;
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
  const stop = async () => {
    await gateway?.stop();
    await Promise.allSettled(Object.values(servers).map((server) => server.stop()));
    await prisma.$disconnect();
  };
  try {
    for (const subgraph of await loadSubgraphs()) {
      const server = await buildSubgraphServer(subgraph, {
        prisma,
        development: options.development,
        authenticateCaller: internalTokenVerifier(subgraph.name, signingKey.jwks),
      });
      servers[subgraph.name] = await server.listen(options.host, options.subgraphPort(subgraph));
    }
    const gatewayServer = await buildGateway({
      subgraphUrls: Object.fromEntries(Object.entries(servers).map(([name, server]) => [name, server.url])),
      development: options.development,
      authenticate: callerAuthenticator(options.auth),
      signingKey,
    });
    gateway = await gatewayServer.listen(options.host, options.gatewayPort);
    return { gateway, subgraphs: servers, signingKey, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
