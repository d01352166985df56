import { buildGateway } from "../../gateway/gateway-server.ts";
import { ChangeFeed, CHANGE_RETENTION_MS } from "../../platform/changes/change-feed.ts";
import { pooledChangeLog } from "../../platform/changes/change-log.ts";
import { readLogSettings } from "../../platform/config.ts";
import { createObservability } from "../../platform/observability/observability.ts";
import { benchCallerAuthenticator, benchSigningKey } from "../auth.ts";
import { requireEnv, runChild } from "../child.ts";
import { subgraphUrlsFromEnv } from "./subgraph-urls.ts";

// Liaison's own gateway (Apollo Gateway in Apollo Server on fastify), as
// `npm run serve:gateway` runs it in production, pointed at the bench's
// subgraphs, following the change feed of the bench's database.

runChild(async () => {
  const databaseUrl = requireEnv("DATABASE_URL");
  const changes = pooledChangeLog(databaseUrl);
  const changeFeed = await ChangeFeed.start({ log: changes.log, notificationsUrl: databaseUrl, retentionMs: CHANGE_RETENTION_MS });
  const gateway = await buildGateway({
    subgraphUrls: subgraphUrlsFromEnv(),
    development: false,
    authenticate: benchCallerAuthenticator(),
    signingKey: await benchSigningKey(),
    changeFeed,
    // Logging as in production (LOG_LEVEL, info by default), so its cost is measured.
    observability: createObservability({ logging: readLogSettings(process.env) }),
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
});
