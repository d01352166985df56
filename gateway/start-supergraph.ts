import type { AuthSettings } from "../platform/config.ts";
import {
  gatewaySigningKey,
  internalTokenVerifier,
  type GatewaySigningKey,
} from "../platform/auth/internal-token.ts";
import { createPrismaClient, type PrismaClientOptions } from "../platform/database/prisma.ts";
import type { RunningServer } from "../platform/http/serve-graphql.ts";
import { serveSubgraph } from "../platform/serve-subgraph.ts";
import type { SubgraphDefinition } from "../platform/subgraph.ts";
import { subgraphs } from "../subgraphs/registry.ts";
import { callerAuthenticator } from "./authenticate.ts";
import { serveGateway } from "./serve-gateway.ts";

export interface SupergraphOptions {
  databaseUrl: string;
  host: string;
  gatewayPort: number;
  subgraphPort: (subgraph: SubgraphDefinition) => number;
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
  stop(): Promise<void>;
}

/**
 * Runs every subgraph and the gateway in this process, each on its own
 * port and speaking HTTP to each other as separate deployments would. The
 * gateway's signing key is made for this run and handed to the subgraphs.
 */
export async function startSupergraph(options: SupergraphOptions): Promise<RunningSupergraph> {
  const prisma = createPrismaClient(options.databaseUrl, options.prisma);
  const signingKey = await gatewaySigningKey();
  const running: RunningServer[] = [];
  const stop = async () => {
    await Promise.allSettled(running.reverse().map((server) => server.stop()));
    await prisma.$disconnect();
  };
  try {
    const servers: Record<string, RunningServer> = {};
    for (const subgraph of subgraphs) {
      const server = await serveSubgraph(subgraph, {
        prisma,
        host: options.host,
        port: options.subgraphPort(subgraph),
        development: options.development,
        authenticateCaller: internalTokenVerifier(subgraph.name, signingKey.jwks),
      });
      running.push(server);
      servers[subgraph.name] = server;
    }
    const gateway = await serveGateway({
      subgraphUrls: Object.fromEntries(Object.entries(servers).map(([name, server]) => [name, server.url])),
      host: options.host,
      port: options.gatewayPort,
      development: options.development,
      authenticate: callerAuthenticator(options.auth),
      signingKey,
    });
    running.push(gateway);
    return { gateway, subgraphs: servers, signingKey, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
