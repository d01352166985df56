import { createServer } from "node:http";
import { listenOnLoopback } from "./listen.ts";
import { createGatewayRuntime, LocalForageCacheStorage, type GatewayPlugin } from "@graphql-hive/gateway";
import { unifiedGraphHandler } from "@graphql-hive/router-runtime";
import { readSupergraph } from "../../gateway/supergraph-file.ts";
import type { Identity } from "../../platform/auth/identity.ts";
import { benchCallerAuthenticator, benchInternalTokenIssuer } from "../auth.ts";
import type { ChildServer } from "../child.ts";
import { REQUEST_ID_HEADER } from "../load.ts";
import { RESPONSE_CACHE_VARIABLE } from "./liaison-gateway.ts";
import { pointSupergraphAt, subgraphUrlsFromEnv } from "./subgraph-urls.ts";

interface BenchContext {
  identity?: Identity;
}

export interface HiveGatewayOptions {
  /** Plan with Hive Router's Rust query planner (`@graphql-hive/router-runtime`). */
  routerRuntime: boolean;
}

/**
 * Hive Gateway as its docs run it on Node (`createGatewayRuntime` under
 * node:http), on the committed supergraph with the subgraph URLs pointed at
 * the bench's subgraphs, defaults otherwise (no inbound de-duplication,
 * which is off by default; upstream de-duplication defeated, see below). It authenticates as Liaison does, with Liaison's
 * code: the caller's token when the context is built, an internal token per
 * subgraph fetch.
 */
export async function serveHiveGateway({ routerRuntime }: HiveGatewayOptions): Promise<ChildServer> {
  const authenticate = benchCallerAuthenticator();
  const issueToken = await benchInternalTokenIssuer();
  const authentication: GatewayPlugin<BenchContext> = {
    async onContextBuilding({ context, extendContext }) {
      const authorization = context.request.headers.get("authorization") ?? undefined;
      extendContext({ identity: await authenticate(authorization) });
    },
  };
  const cached = process.env[RESPONSE_CACHE_VARIABLE] === "true";
  const gateway = createGatewayRuntime<BenchContext>({
    supergraph: pointSupergraphAt(readSupergraph(), subgraphUrlsFromEnv()),
    logging: "warn",
    ...(routerRuntime && { unifiedGraphHandler }),
    plugins: () => [authentication],
    // With --cached: Hive's response cache as its docs set it up, in the
    // cache storage its CLI uses by default (an in-memory LRU on Node),
    // one session per caller token since the API answers by role.
    ...(cached && {
      cache: new LocalForageCacheStorage(),
      responseCaching: { session: (request: Request) => request.headers.get("authorization") },
    }),
    propagateHeaders: {
      async fromClientToSubgraphs({ context, request, subgraphName }) {
        if (!context.identity) return {};
        return {
          authorization: `Bearer ${await issueToken(context.identity, subgraphName)}`,
          // Hive's HTTP executor merges identical subgraph fetches in flight
          // (on by default, keyed on URL, body and headers). Every bench
          // request stands for a different caller, so its distinct id goes
          // along and no two fetches are merged.
          [REQUEST_ID_HEADER]: request.headers.get(REQUEST_ID_HEADER),
        };
      },
    },
  });
  const listening = await listenOnLoopback(createServer(gateway));
  return {
    url: listening.url,
    async stop() {
      await listening.close();
      await gateway.dispose();
    },
  };
}
