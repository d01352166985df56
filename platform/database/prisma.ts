import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
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
  // The pool is made here, not by the adapter, so its use can be measured (connectionPoolOf).
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, options: SESSION_OPTIONS });
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const client = onQuery
    ? new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] })
    : new PrismaClient({ adapter });
  if (onQuery) (client as PrismaClient<"query">).$on("query", (event) => onQuery(event.query));
  pools.set(client, pool);
  return client;
}

const pools = new WeakMap<PrismaClient, pg.Pool>();

/** The connection pool a client made by createPrismaClient uses. */
export function connectionPoolOf(client: PrismaClient): pg.Pool | undefined {
  return pools.get(client);
}
