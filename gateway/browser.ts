import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { FastifyInstance } from "fastify";
import type { BrowserSettings } from "../platform/config.ts";
import { allowBrowserOrigins } from "./cors.ts";
import { explorerLandingPage, serveExplorerFiles, type ExplorerHeaders } from "./explorer.ts";
import { serveRelationshipMap } from "./relationship-map.ts";

export interface BrowserFeatures<Context extends BaseContext> {
  /** What a browser opening /graphql gets. */
  landingPage: ApolloServerPlugin<Context>;
  /** Explorers need introspection, in production too when one is enabled there. */
  introspection: boolean;
  /** CORS, the explorer's files and the relationship map at /explore. */
  routes(app: FastifyInstance): void;
}

/** What the gateway offers pages in a browser. */
export function browserFeatures<Context extends BaseContext>(
  settings: BrowserSettings,
  { development, explorerHeaders }: { development: boolean; explorerHeaders?: ExplorerHeaders },
): BrowserFeatures<Context> {
  return {
    landingPage: explorerLandingPage<Context>(settings.explorer, explorerHeaders ?? (async () => ({}))),
    introspection: development || settings.explorer !== "off",
    routes(app) {
      allowBrowserOrigins(app, settings.corsOrigins);
      serveExplorerFiles(app, settings.explorer);
      serveRelationshipMap(app);
    },
  };
}
