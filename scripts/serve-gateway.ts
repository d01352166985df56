import { callerAuthenticator } from "../gateway/authenticate.ts";
import { developmentTokenHeaders } from "../gateway/explorer.ts";
import { buildGateway } from "../gateway/gateway-server.ts";
import { subgraphEndpoints } from "../gateway/subgraph-endpoints.ts";
import { readSupergraph } from "../gateway/supergraph-file.ts";
import { gatewaySigningKey } from "../platform/auth/internal-token.ts";
import { ChangeFeed, CHANGE_RETENTION_MS } from "../platform/changes/change-feed.ts";
import { pooledChangeLog } from "../platform/changes/change-log.ts";
import { runMain, stopOnSignal } from "../platform/cli.ts";
import { isDevelopment, readConfig } from "../platform/config.ts";
import { serveManagementPort } from "../platform/observability/management-server.ts";
import { startTracingIf } from "../platform/observability/tracing.ts";
import { createObservability } from "../platform/observability/observability.ts";

// Serves the gateway on its own, reaching each subgraph the supergraph joins
// at <NAME>_URL or the URL composed into it. Run several replicas with one
// GATEWAY_SIGNING_KEY so subgraphs trust them all. With DATABASE_URL it
// follows the change feed there and serves subscriptions; without, none.

runMain(async () => {
  const config = readConfig();
  const tracing = await startTracingIf(config.tracing, "liaison-gateway");
  const observability = createObservability(config);
  const changes = config.databaseUrl ? pooledChangeLog(config.databaseUrl) : undefined;
  const changeFeed =
    changes &&
    (await ChangeFeed.start({ log: changes.log, notificationsUrl: config.databaseUrl, retentionMs: CHANGE_RETENTION_MS }));
  const gateway = await buildGateway({
    subgraphUrls: subgraphEndpoints(readSupergraph()),
    development: isDevelopment(config),
    authenticate: callerAuthenticator(config.auth),
    signingKey: await gatewaySigningKey(config.gatewaySigningKey),
    browser: config.browser,
    explorerHeaders: isDevelopment(config) ? developmentTokenHeaders(config.auth) : undefined,
    ...(changeFeed && { changeFeed, responseCache: config.responseCache }),
    timeouts: config.http,
    observability,
    operations: config.operations,
  });
  const server = await gateway.listen(config.host, config.gatewayPort);
  const management = await serveManagementPort(observability, config);
  observability.logger.info(`Liaison's gateway is serving ${server.url}${changeFeed ? "" : " (no DATABASE_URL: no subscriptions, no response cache)"}`);
  stopOnSignal(async (plan) => {
    await server.stop(plan);
    await management?.stop();
    await tracing?.stop();
    await changeFeed?.stop();
    await changes?.close();
  }, config.shutdown, observability.logger);
});
