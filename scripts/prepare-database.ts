import { runMain } from "../platform/cli.ts";
import { ConfigError, readConfig } from "../platform/config.ts";
import { prepareDatabase } from "../supergraph/prepare-database.ts";

// Migrates DATABASE_URL and seeds it where a subgraph has no data yet: the
// one-shot job a deployment runs before the servers start.

runMain(async () => {
  const { databaseUrl } = readConfig();
  if (!databaseUrl) throw new ConfigError("DATABASE_URL must name the database to prepare.");
  const { migrationsApplied, seeded } = await prepareDatabase(databaseUrl);
  console.log(migrationsApplied.length ? `Applied migrations: ${migrationsApplied.join(", ")}` : "No pending migrations.");
  console.log(seeded ? "Seeded the page's data where a subgraph had none." : "Every subgraph already has data.");
});
