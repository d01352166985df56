import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../generated/prisma/client.ts";

export type { PrismaClient };

export interface PrismaClientOptions {
  /** Connections this client may hold open. */
  poolSize?: number;
  /** Called with each SQL statement the client sends; used to count them. */
  onQuery?: (sql: string) => void;
}

// Postgres compiles a query to machine code (JIT) when the planner's cost
// estimate is high. Liaison's queries are short, and the estimate of a
// recursive graph walk is far too high: one that ran in 20 ms spent 400 ms
// being compiled first. So every session turns JIT off.
const SESSION_OPTIONS = "-c jit=off";

export function createPrismaClient(
  databaseUrl: string,
  { poolSize = 10, onQuery }: PrismaClientOptions = {},
): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: poolSize, options: SESSION_OPTIONS });
  if (!onQuery) return new PrismaClient({ adapter });
  const client = new PrismaClient({
    adapter,
    log: [{ emit: "event", level: "query" }],
  });
  client.$on("query", (event) => onQuery(event.query));
  return client;
}
