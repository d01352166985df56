import { buildGateway } from "../../gateway/gateway-server.ts";
import type { ResponseCacheSettings } from "../../gateway/response-cache/response-cache.ts";
import { ChangeFeed, CHANGE_RETENTION_MS } from "../../platform/changes/change-feed.ts";
import { pooledChangeLog } from "../../platform/changes/change-log.ts";
import { readLogSettings } from "../../platform/config.ts";
import { createObservability } from "../../platform/observability/observability.ts";
import { benchCallerAuthenticator, benchSigningKey } from "../auth.ts";
import { requireEnv, type ChildServer } from "../child.ts";
import { subgraphUrlsFromEnv } from "./subgraph-urls.ts";

/** Set to `true` by `npm run bench -- --cached`: every target runs with its response cache on. */
export const RESPONSE_CACHE_VARIABLE = "RESPONSE_CACHE";

/** As RESPONSE_CACHE_MB's default. */
const CACHE_BYTES = 64 * 1024 * 1024;

/**
 * Liaison's own gateway (Apollo Gateway in Apollo Server on fastify), as
 * `npm run serve:gateway` runs it in production, pointed at the bench's
 * subgraphs, following the change feed of the bench's database; its response
 * cache on only in the cached comparison.
 */
export async function serveLiaisonGateway(freshness: ResponseCacheSettings["freshness"] = "checked"): Promise<ChildServer> {
  const databaseUrl = requireEnv("DATABASE_URL");
  const changes = pooledChangeLog(databaseUrl);
  const changeFeed = await ChangeFeed.start({ log: changes.log, notificationsUrl: databaseUrl, retentionMs: CHANGE_RETENTION_MS });
  const cached = process.env[RESPONSE_CACHE_VARIABLE] === "true";
  const gateway = await buildGateway({
    subgraphUrls: subgraphUrlsFromEnv(),
    development: false,
    authenticate: benchCallerAuthenticator(),
    signingKey: await benchSigningKey(),
    changeFeed,
    // Logging as in production (LOG_LEVEL, info by default), so its cost is measured.
    observability: createObservability({ logging: readLogSettings(process.env), environment: "production" }),
    ...(cached && { responseCache: { maxBytes: CACHE_BYTES, freshness } }),
  });
  const server = await gateway.listen("127.0.0.1", 0);
  return {
    url: server.url,
    async stop() {
      await server.stop();
      await changeFeed.stop();
      await changes.close();
    },
  };
}
