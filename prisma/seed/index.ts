import type { PrismaClient } from "../../generated/prisma/client.ts";
import { seedAgencies } from "./seed-agencies.ts";

type Seeder = (prisma: PrismaClient) => Promise<number>;

/**
 * Every subgraph's seeder, in the order they must run: later seeders refer
 * to rows that earlier ones create (relationships point at agencies).
 */
const seeders = [
  ["agencies", seedAgencies],
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

export async function isDatabaseEmpty(prisma: PrismaClient): Promise<boolean> {
  const anyAgency = await prisma.agency.findFirst({ select: { id: true } });
  return anyAgency === null;
}
