import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { FastifyInstance } from "fastify";
import type { BrowserSettings } from "../platform/config.ts";
import { allowBrowserOrigins } from "./cors.ts";
import { explorerLandingPage, serveExplorerFiles, type ExplorerHeaders } from "./explorer.ts";
import { persistedOperations, type PersistedOperations } from "./persisted-operations.ts";
import { serveRelationshipMap } from "./relationship-map.ts";

export interface BrowserFeatures<Context extends BaseContext> extends Pick<PersistedOperations, "persistedQueries" | "admits"> {
  /** What a browser opening /graphql gets. */
  landingPage: ApolloServerPlugin<Context>;
  /** Explorers need introspection, in production too when one is enabled there. */
  introspection: boolean;
  /** CORS, the safelist, the explorer's files and the relationship map at /explore. */
  routes(app: FastifyInstance): void;
}

/**
 * What the gateway offers dashboards and explorers in a browser: CORS, an
 * explorer at /graphql, the relationship map at /explore, and operations
 * pinned by id in persisted operation manifests.
 */
export function browserFeatures<Context extends BaseContext>(
  settings: BrowserSettings,
  { development, explorerHeaders }: { development: boolean; explorerHeaders?: ExplorerHeaders },
): BrowserFeatures<Context> {
  const operations = persistedOperations(settings.persistedOperations);
  return {
    persistedQueries: operations.persistedQueries,
    admits: operations.admits,
    landingPage: explorerLandingPage<Context>(settings.explorer, explorerHeaders ?? (async () => ({}))),
    introspection: development || settings.explorer !== "off",
    routes(app) {
      allowBrowserOrigins(app, settings.corsOrigins);
      operations.refuseUnlisted(app);
      serveExplorerFiles(app, settings.explorer);
      serveRelationshipMap(app);
    },
  };
}
