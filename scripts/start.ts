import { existsSync, mkdirSync } from "node:fs";
import { enableCompileCache } from "node:module";
import { join } from "node:path";
import { runMain, stopOnSignal, type StopPlan } from "../platform/cli.ts";
import { isDevelopment, readConfig, subgraphPort, type Config } from "../platform/config.ts";
import { EMBEDDED_POOL_SIZE, startEmbeddedPostgres } from "../platform/database/embedded-postgres.ts";
import { copyEmbeddedTemplate, makeEmbeddedTemplate } from "../supergraph/embedded-template.ts";

// Only what opens the database is imported up front: embedded Postgres
// starts in a process of its own while this one loads everything else,
// compiled once into Node's on-disk cache and read from it on later starts.
enableCompileCache();

interface Database {
  url: string;
  /** Connections the supergraph's Prisma client may open; the client's default when unset. */
  poolSize?: number;
  /** What to tell the operator about it. */
  notes: string[];
  stop(): Promise<void>;
  /** Settles if embedded Postgres's process ends while Liaison still needs it. */
  lost?: Promise<string>;
}

/** Opens the database; embedded Postgres's process is started before this returns its promise. */
async function openDatabase(config: Config): Promise<Database> {
  if (config.databaseUrl) return { url: config.databaseUrl, notes: [], stop: async () => {} };
  const dataDir = config.embeddedDataDir;
  const notes: string[] = [];
  if (!existsSync(join(dataDir, "PG_VERSION"))) {
    mkdirSync(dataDir, { recursive: true });
    if (!copyEmbeddedTemplate(dataDir)) {
      // None for these migrations and seeds (they changed since install): made once, for this start and later ones.
      notes.push("Made the template new embedded databases are copied from, for these migrations and seeds.");
      await makeEmbeddedTemplate();
      copyEmbeddedTemplate(dataDir);
    }
    notes.push("Copied the new embedded database from its template, migrated and seeded.");
  }
  const embedded = await startEmbeddedPostgres({ dataDir });
  notes.push(`Embedded Postgres (data in ${dataDir}) at ${embedded.url}`);
  return { ...embedded, notes, poolSize: EMBEDDED_POOL_SIZE };
}

runMain(async () => {
  const config = readConfig();
  const opening = openDatabase(config);
  const { startTracingIf } = await import("../platform/observability/tracing.ts");
  const tracing = await startTracingIf(config.tracing, "liaison");
  const [{ createObservability }, { serveManagementPort }, { prepareDatabase }, { startSupergraph }] = await Promise.all([
    import("../platform/observability/observability.ts"),
    import("../platform/observability/management-server.ts"),
    import("../supergraph/prepare-database.ts"),
    import("../supergraph/start.ts"),
  ]);
  const observability = createObservability(config);
  const { logger } = observability;
  const database = await opening;
  for (const note of database.notes) logger.info(note);
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
    const stopLiaison = async (plan: StopPlan) => {
      await supergraph.stop(plan);
      await management?.stop();
      await database.stop();
      await tracing?.stop();
    };
    stopOnSignal(stopLiaison, config.shutdown, logger);
    // Without its database Liaison answers nothing but errors: it says why and
    // exits, so that whoever runs it (a person, a supervisor) sees and restarts it.
    void database.lost?.then(async (how) => {
      logger.fatal(`Embedded Postgres's process ${how}; Liaison cannot serve without it and stops.`);
      await stopLiaison({ delayMs: 0, deadline: Date.now() + config.shutdown.deadlineMs }).catch(() => {});
      process.exit(1);
    });
  } catch (error) {
    await database.stop();
    throw error;
  }
});
