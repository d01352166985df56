import type { ApolloServerPlugin } from "@apollo/server";
import type { Identity } from "../platform/auth/identity.ts";
import type { ChangeFeed } from "../platform/changes/change-feed.ts";
import {
  DEFAULT_OPERATION_SETTINGS,
  readBrowserSettings,
  type BrowserSettings,
  type HttpTimeouts,
  type OperationSettings,
} from "../platform/config.ts";
import {
  internalTokenIssuer,
  type CallerAuthenticator,
  type GatewaySigningKey,
} from "../platform/auth/internal-token.ts";
import { uncacheableMutations } from "../platform/graphql/cache-control.ts";
import { errorFormatter } from "../platform/graphql/errors.ts";
import { buildGraphQLServer, type GraphQLServer } from "../platform/http/graphql-server.ts";
import type { Observability } from "../platform/observability/observability.ts";
import { observeFetches } from "../platform/observability/subgraph-fetches.ts";
import { browserFeatures } from "./browser.ts";
import { originMatcher } from "./cors.ts";
import type { ExplorerHeaders } from "./explorer.ts";
import { SupergraphGateway } from "./execution/supergraph-gateway.ts";
import { inputChecks } from "./input-checks.ts";
import { changesThroughPerOperation } from "./changes-through.ts";
import { operationBudgets } from "./operation-budget.ts";
import { operationLimits } from "./operation-limits.ts";
import { responseCache, type ResponseCacheSettings } from "./response-cache/response-cache.ts";
import { SubgraphDataSource } from "./subgraph-data-source.ts";
import { subgraphHealth } from "./subgraph-health.ts";
import { readSupergraph } from "./supergraph-file.ts";
import { serveSubscriptions, subscriptionsOverHttpRefused } from "./live/serve-subscriptions.ts";

export interface GatewayOptions {
  /** Where each subgraph answers, by name. */
  subgraphUrls: Readonly<Record<string, string>>;
  development: boolean;
  /** Verifies the caller's bearer token. */
  authenticate: CallerAuthenticator;
  /** Signs the internal tokens that vouch for callers to subgraphs. */
  signingKey: GatewaySigningKey;
  /** The change feed subscriptions are served from; without one the gateway serves none. */
  changeFeed?: ChangeFeed;
  /** Answers repeated queries from memory, kept fresh by `changeFeed`; only with one. */
  responseCache?: ResponseCacheSettings;
  /** CORS, the explorer, persisted operations; the environment's defaults when left out. */
  browser?: BrowserSettings;
  /** Headers the explorer's tabs start with (in development, a token). */
  explorerHeaders?: ExplorerHeaders;
  timeouts?: HttpTimeouts;
  observability: Observability;
  /** Each operation's deadline and response cap; DEFAULT_OPERATION_SETTINGS when left out. */
  operations?: OperationSettings;
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

/** Closes the subgraph connection pools once Apollo has drained what was in flight. */
function closeOnStop(dataSources: readonly SubgraphDataSource[]): ApolloServerPlugin<GatewayContext> {
  return {
    async serverWillStart() {
      return {
        async serverWillStop() {
          await Promise.all(dataSources.map((dataSource) => dataSource.close()));
        },
      };
    },
  };
}

/**
 * Builds the gateway over the committed supergraph. It authenticates every
 * caller and publishes the public key subgraphs check internal tokens with.
 * It is ready once it has loaded the supergraph; a subgraph that does not
 * answer shows in `/health` as degraded, not as unready, since the gateway
 * still answers the rest of an operation.
 */
export async function buildGateway(options: GatewayOptions): Promise<GraphQLServer<GatewayContext>> {
  const { subgraphUrls, development, signingKey, authenticate } = options;
  const browserSettings = options.browser ?? readBrowserSettings({}, development ? "development" : "production");
  const browser = browserFeatures<GatewayContext>(browserSettings, options);
  const issueToken = internalTokenIssuer(signingKey);
  const dataSources: SubgraphDataSource[] = [];
  const cache =
    options.changeFeed && options.responseCache && responseCache<GatewayContext>(options.changeFeed, options.responseCache);
  const changesThrough = options.changeFeed && changesThroughPerOperation(options.changeFeed);
  const gateway = new SupergraphGateway({
    supergraphSdl: readSupergraph(),
    buildDataSource: ({ name, url }) => {
      const dataSource = new SubgraphDataSource(subgraphUrls[name] ?? url, name, issueToken, { changesThrough });
      dataSources.push(dataSource);
      return observeFetches(name, cache ? cache.recording(name, dataSource) : dataSource, options.observability);
    },
    showsQueryPlans: development,
  });
  const limits = operationLimits<GatewayContext>({ development });
  const formatError = errorFormatter({ exposeInternals: development, logger: options.observability.logger });
  const server = await buildGraphQLServer<GatewayContext>({
    service: "gateway",
    observability: options.observability,
    apollo: {
      gateway,
      plugins: [
        operationBudgets<GatewayContext>(options.operations ?? DEFAULT_OPERATION_SETTINGS),
        ...limits.plugins,
        inputChecks<GatewayContext>(),
        privateCacheForSignedInCallers,
        uncacheableMutations<GatewayContext>(),
        closeOnStop(dataSources),
        subscriptionsOverHttpRefused<GatewayContext>(),
        browser.landingPage,
        ...(cache ? [cache.plugin] : []),
      ],
      persistedQueries: browser.persistedQueries,
      validationRules: limits.validationRules,
      parseOptions: limits.parseOptions,
      introspection: browser.introspection,
      includeStacktraceInErrorResponses: development,
      formatError,
    },
    context: async (request) => ({ identity: await authenticate(request.headers.authorization) }),
    // The supergraph is loaded before the server is built.
    readiness: async () => ({ ready: true }),
    health: () => subgraphHealth(subgraphUrls),
    timeouts: options.timeouts,
    routes: (app, apollo) => {
      app.get("/.well-known/jwks.json", async () => signingKey.jwks);
      browser.routes(app);
      if (options.changeFeed) {
        const live = serveSubscriptions(app, apollo, gateway.schema, {
          feed: options.changeFeed,
          authenticate,
          validationRules: limits.validationRules,
          cost: limits.cost,
          formatError,
          allowsOrigin: originMatcher(browserSettings.corsOrigins),
          parseOptions: limits.parseOptions,
          admits: browser.admits,
        });
        options.observability.metrics.watchSubscriptions(() => live.active);
      }
    },
  });
  return server;
}
