import { internalTokenVerifier } from "../platform/auth/internal-token.ts";
import { ChangeFeed } from "../platform/changes/change-feed.ts";
import { prismaChangeLog } from "../platform/changes/change-log.ts";
import { runMain, stopOnSignal } from "../platform/cli.ts";
import { ConfigError, isDevelopment, readConfig, subgraphPort } from "../platform/config.ts";
import { createPrismaClient } from "../platform/database/prisma.ts";
import { serveManagementPort } from "../platform/observability/management-server.ts";
import { startTracingIf } from "../platform/observability/tracing.ts";
import { createObservability } from "../platform/observability/observability.ts";
import { buildSubgraphServer } from "../platform/subgraph-server.ts";
import { findSubgraph, subgraphs } from "../supergraph/registry.ts";

// Serves one subgraph on its own: `npm run serve:subgraph -- agencies`.
// Its database must already be migrated (`npm run migrate`). It trusts the
// gateway whose public keys GATEWAY_JWKS_URL serves.

runMain(async () => {
  const config = readConfig();
  const observability = createObservability(config);
  const entry = findSubgraph(process.argv[2] ?? "");
  if (!entry) {
    throw new ConfigError(`Name a subgraph to serve: ${subgraphs.map((s) => s.name).join(", ")}.`);
  }
  if (!config.databaseUrl) throw new ConfigError("DATABASE_URL must be set to serve a subgraph on its own.");
  const { subgraph } = await entry.load();
  const tracing = await startTracingIf(config.tracing, `liaison-${subgraph.name}`);
  const prisma = createPrismaClient(config.databaseUrl, { statementTimeoutMs: config.operations.deadlineMs });
  // A subgraph that keeps rows in memory follows the change feed, hearing
  // other processes' writes by NOTIFY.
  const changes = subgraph.startMemory
    ? await ChangeFeed.start({ log: prismaChangeLog(prisma), notificationsUrl: config.databaseUrl })
    : undefined;
  const built = await buildSubgraphServer(subgraph, {
    prisma,
    development: isDevelopment(config),
    authenticateCaller: internalTokenVerifier(subgraph.name, new URL(config.gatewayJwksUrl)),
    timeouts: config.http,
    changes,
    observability,
  });
  const server = await built.listen(config.host, subgraphPort(entry.name, entry.port));
  const management = await serveManagementPort(observability, config);
  observability.logger.info(`Subgraph ${subgraph.name} is serving ${server.url}`);
  stopOnSignal(async (plan) => {
    await server.stop(plan);
    await management?.stop();
    await changes?.stop();
    await prisma.$disconnect();
    await tracing?.stop();
  }, config.shutdown, observability.logger);
});
