import type { FastifyInstance } from "fastify";
import type { BrowserSettings } from "../platform/config.ts";
import { allowBrowserOrigins } from "./cors.ts";

/** What the gateway offers pages in a browser, beside /graphql. */
export function serveBrowsers(app: FastifyInstance, settings: BrowserSettings): void {
  allowBrowserOrigins(app, settings.corsOrigins);
}
