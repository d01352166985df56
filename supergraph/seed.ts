import type { PrismaClient } from "../platform/database/prisma.ts";
import type { SubgraphDefinition } from "../platform/subgraph.ts";
import { loadSubgraphs } from "./registry.ts";

/** How many seed rows each subgraph with seed data has. */
export type SeedCounts = Record<string, number>;

/**
 * Seeds every subgraph that has seed data, in registry order; safe to run
 * again on a seeded database.
 */
export async function seedDatabase(prisma: PrismaClient, subgraphs?: readonly SubgraphDefinition[]): Promise<SeedCounts> {
  const counts: SeedCounts = {};
  for (const { name, seed } of subgraphs ?? (await loadSubgraphs())) {
    if (seed) counts[name] = await seed.run(prisma);
  }
  return counts;
}

/**
 * Whether some subgraph with seed data has none yet: the database is new,
 * or it was seeded before that subgraph's tables were migrated into it.
 */
export async function needsSeeding(prisma: PrismaClient, subgraphs?: readonly SubgraphDefinition[]): Promise<boolean> {
  const seeded = await Promise.all(
    (subgraphs ?? (await loadSubgraphs())).map(({ seed }) => seed?.hasData(prisma) ?? true),
  );
  return seeded.includes(false);
}
