// Applies the pending Prisma migrations to the database DATABASE_URL names.
import { applyMigrations } from "../platform/database/migrations.ts";

const databaseUrl = process.env.DATABASE_URL;

if (!databaseUrl) {
  fail("DATABASE_URL is not set; point it at the Postgres database to migrate");
} else if (!isPostgresUrl(databaseUrl)) {
  fail("DATABASE_URL is not a postgresql:// URL");
} else {
  try {
    const { applied } = await applyMigrations(databaseUrl);
    if (applied.length === 0) {
      console.log("No pending migrations; the database is up to date.");
    } else {
      console.log(`Applied ${applied.length} migration(s):`);
      for (const name of applied) console.log(`  ${name}`);
    }
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}

function fail(message: string): void {
  console.error(`migrate: ${message}`);
  process.exitCode = 1;
}

function isPostgresUrl(url: string): boolean {
  return URL.canParse(url) && ["postgres:", "postgresql:"].includes(new URL(url).protocol);
}
