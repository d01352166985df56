// Writes a migration taking prisma/migrations to the current Prisma schema:
//   npm run migration:create -- <name>
import { createMigration } from "../platform/database/migrations.ts";

const name = process.argv[2];

if (!name || process.argv.length > 3) {
  console.error("usage: npm run migration:create -- <name>");
  process.exitCode = 1;
} else {
  try {
    const migrationPath = await createMigration(name);
    console.log(migrationPath ?? "no changes: the migrations already match the Prisma schema");
  } catch (error) {
    console.error(`create-migration: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
