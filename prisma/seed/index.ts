import type { PrismaClient } from "../../generated/prisma/client.ts";
import { seedAgencies } from "./seed-agencies.ts";
import { seedNews } from "./seed-news.ts";
import { seedRelationships } from "./seed-relationships.ts";
import { seedThreat } from "./seed-threat.ts";

type Seeder = (prisma: PrismaClient) => Promise<number>;

/**
 * Every subgraph's seeder, in the order they must run: later seeders refer
 * to rows that earlier ones create (relationships point at agencies).
 */
const seeders = [
  ["agencies", seedAgencies],
  ["relationships", seedRelationships],
  ["news", seedNews],
  ["threat", seedThreat],
] as const satisfies readonly (readonly [string, Seeder])[];

export type SeedCounts = { [Name in (typeof seeders)[number][0]]: number };

/** Seeds every subgraph's data; safe to run again on a seeded database. */
export async function seedDatabase(prisma: PrismaClient): Promise<SeedCounts> {
  const counts: Partial<Record<string, number>> = {};
  for (const [name, seed] of seeders) {
    counts[name] = await seed(prisma);
  }
  return counts as SeedCounts;
}

/**
 * Whether some subgraph has no data yet: the database is new, or it was
 * seeded before that subgraph's tables were migrated into it.
 */
export async function needsSeeding(prisma: PrismaClient): Promise<boolean> {
  const firstRows = await Promise.all([
    prisma.agency.findFirst({ select: { id: true } }),
    prisma.relationship.findFirst({ select: { id: true } }),
    prisma.newsArticle.findFirst({ select: { id: true } }),
    prisma.threatAssessment.findFirst({ select: { id: true } }),
  ]);
  return firstRows.some((row) => row === null);
}
