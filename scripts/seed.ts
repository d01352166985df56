import { createPrismaClient } from "../platform/database/prisma.ts";
import { seedDatabase } from "../supergraph/seed.ts";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) fail("DATABASE_URL is not set; point it at the Liaison database.");
if (!URL.canParse(databaseUrl)) fail("DATABASE_URL is not a valid postgresql:// URL.");

const prisma = createPrismaClient(databaseUrl, { poolSize: 1, statementTimeoutMs: 0 });
try {
  await prisma.$queryRaw`SELECT 1`.catch((error: unknown) =>
    fail(`cannot reach the database at ${describeDatabase(databaseUrl)}: ${shortMessage(error)}`),
  );
  const counts = await seedDatabase(prisma).catch((error: unknown) =>
    fail(`seeding failed: ${shortMessage(error)}`),
  );
  for (const [name, count] of Object.entries(counts)) {
    console.log(`${name}: ${count}`);
  }
} finally {
  await prisma.$disconnect();
}

function fail(message: string): never {
  console.error(`seed: ${message}`);
  process.exit(1);
}

/** Host, port and database name, without the credentials. */
function describeDatabase(url: string): string {
  const { hostname, port, pathname } = new URL(url);
  return `${hostname}:${port || "5432"}${pathname}`;
}

/** The driver's own message, without Prisma's wrapping or a stack trace. */
function shortMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const driverMessage = /Message: `(.*)`/.exec(message)?.[1];
  const lastLine = message.trim().split("\n").map((line) => line.trim()).filter(Boolean).at(-1);
  return driverMessage ?? lastLine ?? "unknown error";
}
