import { applyMigrations } from "../platform/database/migrations.ts";
import { createPrismaClient } from "../platform/database/prisma.ts";
import { needsSeeding, seedDatabase } from "./seed.ts";

export interface PreparedDatabase {
  migrationsApplied: string[];
  seeded: boolean;
}

/** Brings a database up to the latest migration and seeds it if some subgraph has no data. */
export async function prepareDatabase(databaseUrl: string): Promise<PreparedDatabase> {
  const { applied } = await applyMigrations(databaseUrl);
  const prisma = createPrismaClient(databaseUrl, { poolSize: 2, statementTimeoutMs: 0 });
  try {
    const seeded = await needsSeeding(prisma);
    if (seeded) await seedDatabase(prisma);
    return { migrationsApplied: applied, seeded };
  } finally {
    await prisma.$disconnect();
  }
}
