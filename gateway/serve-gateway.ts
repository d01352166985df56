import { ApolloGateway } from "@apollo/gateway";
import type { ApolloServerPlugin } from "@apollo/server";
import type { Identity } from "../platform/auth/identity.ts";
import {
  internalTokenIssuer,
  type CallerAuthenticator,
  type GatewaySigningKey,
} from "../platform/auth/internal-token.ts";
import { uncacheableMutations } from "../platform/graphql/cache-control.ts";
import { errorFormatter } from "../platform/graphql/errors.ts";
import { serveGraphQL, type RunningServer } from "../platform/http/serve-graphql.ts";
import { operationLimits } from "./operation-limits.ts";
import { SubgraphDataSource } from "./subgraph-data-source.ts";
import { subgraphHealth } from "./subgraph-health.ts";
import { readSupergraph } from "./supergraph-file.ts";

export interface GatewayServeOptions {
  /** Where each subgraph answers, by name. */
  subgraphUrls: Readonly<Record<string, string>>;
  host: string;
  port: number;
  development: boolean;
  /** Verifies the caller's bearer token. */
  authenticate: CallerAuthenticator;
  /** Signs the internal tokens that vouch for callers to subgraphs. */
  signingKey: GatewaySigningKey;
}

export interface GatewayContext {
  identity: Identity;
}

/**
 * The response's `Cache-Control` is the most restrictive of the subgraphs'
 * (Apollo Gateway and Apollo Server do that). Subgraphs hint PUBLIC for data
 * anyone may read, but a signed-in caller may be reading where anonymous
 * callers cannot, so their responses may be cached only privately: a shared
 * cache must never hand them to a caller without a token.
 */
const privateCacheForSignedInCallers: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart({ contextValue, overallCachePolicy }) {
    if (contextValue.identity.subject !== null) overallCachePolicy.restrict({ scope: "PRIVATE" });
  },
};

/**
 * Serves the committed supergraph. Authenticates every caller, publishes the
 * public key subgraphs check internal tokens with, and is healthy when every
 * subgraph answers.
 */
export async function serveGateway(options: GatewayServeOptions): Promise<RunningServer> {
  const { subgraphUrls, development, signingKey, authenticate } = options;
  const issueToken = internalTokenIssuer(signingKey);
  const dataSources: SubgraphDataSource[] = [];
  const gateway = new ApolloGateway({
    supergraphSdl: readSupergraph(),
    buildService: ({ name, url }) => {
      const dataSource = new SubgraphDataSource(subgraphUrls[name] ?? url!, name, issueToken);
      dataSources.push(dataSource);
      return dataSource;
    },
  });
  const limits = operationLimits<GatewayContext>({ development });
  const server = await serveGraphQL<GatewayContext>({
    apollo: {
      gateway,
      plugins: [...limits.plugins, privateCacheForSignedInCallers, uncacheableMutations<GatewayContext>()],
      validationRules: limits.validationRules,
      parseOptions: limits.parseOptions,
      introspection: development,
      includeStacktraceInErrorResponses: development,
      formatError: errorFormatter({ exposeInternals: development }),
    },
    context: async (request) => ({ identity: await authenticate(request.headers.authorization) }),
    health: () => subgraphHealth(subgraphUrls),
    routes: (app) => app.get("/.well-known/jwks.json", async () => signingKey.jwks),
    host: options.host,
    port: options.port,
  });
  return {
    ...server,
    async stop() {
      await server.stop();
      await Promise.all(dataSources.map((dataSource) => dataSource.close()));
    },
  };
}
