import { mkdirSync } from "node:fs";
import { runMain, stopOnSignal } from "../platform/cli.ts";
import { isDevelopment, readConfig, subgraphPort, type Config } from "../platform/config.ts";
import { EMBEDDED_POOL_SIZE, startEmbeddedPostgres } from "../platform/database/embedded-postgres.ts";
import { serveManagementPort } from "../platform/observability/management-server.ts";
import { startTracingIf } from "../platform/observability/tracing.ts";
import { createObservability } from "../platform/observability/observability.ts";
import type { Logger } from "../platform/observability/logger.ts";
import { prepareDatabase } from "../supergraph/prepare-database.ts";
import { startSupergraph } from "../supergraph/start.ts";

interface Database {
  url: string;
  /** Connections the supergraph's Prisma client may open; the client's default when unset. */
  poolSize?: number;
  stop(): Promise<void>;
}

async function openDatabase(config: Config, logger: Logger): Promise<Database> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => {} };
  mkdirSync(config.embeddedDataDir, { recursive: true });
  const embedded = await startEmbeddedPostgres({ dataDir: config.embeddedDataDir });
  logger.info(`Embedded Postgres (data in ${config.embeddedDataDir}) at ${embedded.url}`);
  return { ...embedded, poolSize: EMBEDDED_POOL_SIZE };
}

runMain(async () => {
  const config = readConfig();
  const tracing = await startTracingIf(config.tracing, "liaison");
  const observability = createObservability(config);
  const { logger } = observability;
  const database = await openDatabase(config, logger);
  try {
    const prepared = await prepareDatabase(database.url);
    if (prepared.migrationsApplied.length) {
      logger.info(`Applied migrations: ${prepared.migrationsApplied.join(", ")}`);
    }
    if (prepared.seeded) logger.info("Seeded the page's data where a subgraph had none.");
    const supergraph = await startSupergraph({
      databaseUrl: database.url,
      host: config.host,
      gatewayPort: config.gatewayPort,
      subgraphPort: ({ name, port }) => subgraphPort(name, port),
      development: isDevelopment(config),
      auth: config.auth,
      browser: config.browser,
      responseCache: config.responseCache,
      prisma: { poolSize: database.poolSize, statementTimeoutMs: config.operations.deadlineMs },
      listenForChanges: config.databaseUrl !== undefined,
      timeouts: config.http,
      observability,
      operations: config.operations,
    });
    for (const [name, server] of Object.entries(supergraph.subgraphs)) {
      logger.info({ service: name, url: server.url }, `Subgraph ${name} is serving ${server.url}`);
    }
    logger.info({ service: "gateway", url: supergraph.gateway.url }, `Liaison is serving ${supergraph.gateway.url}`);
    logger.info(`The relationship map is at ${new URL("/explore", supergraph.gateway.url).href}`);
    const management = await serveManagementPort(observability, config);

    // The gateway drains first, then the subgraphs, then the database.
    stopOnSignal(async (plan) => {
      await supergraph.stop(plan);
      await management?.stop();
      await database.stop();
      await tracing?.stop();
    }, config.shutdown);
  } catch (error) {
    await database.stop();
    throw error;
  }
});
