import { applyMigrations } from "../platform/database/migrations.ts";
import { createPrismaClient } from "../platform/database/prisma.ts";
import { needsSeeding, seedDatabase } from "./seed.ts";

export interface PreparedDatabase {
  migrationsApplied: string[];
  seeded: boolean;
}

/** Brings a database up to the latest migration and seeds it if some subgraph has no data. */
export async function prepareDatabase(databaseUrl: string): Promise<PreparedDatabase> {
  const migrationsApplied = await migrateDatabase(databaseUrl);
  return { migrationsApplied, seeded: await seedDatabaseIfNeeded(databaseUrl) };
}

/** Applies the migrations the database lacks; answers their names. */
export async function migrateDatabase(databaseUrl: string): Promise<string[]> {
  return (await applyMigrations(databaseUrl)).applied;
}

/** Seeds the page's data if some subgraph has none; answers whether it did. */
export async function seedDatabaseIfNeeded(databaseUrl: string): Promise<boolean> {
  const prisma = createPrismaClient(databaseUrl, { poolSize: 2, statementTimeoutMs: 0 });
  try {
    const seeded = await needsSeeding(prisma);
    if (seeded) await seedDatabase(prisma);
    return seeded;
  } finally {
    await prisma.$disconnect();
  }
}
