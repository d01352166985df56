import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../generated/prisma/client.ts";

export type { PrismaClient };

export interface PrismaClientOptions {
  /** Connections this client may hold open. */
  poolSize?: number;
  /** Called with each SQL statement the client sends; used to count them. */
  onQuery?: (sql: string) => void;
}

export function createPrismaClient(
  databaseUrl: string,
  { poolSize = 10, onQuery }: PrismaClientOptions = {},
): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: poolSize });
  if (!onQuery) return new PrismaClient({ adapter });
  const client = new PrismaClient({
    adapter,
    log: [{ emit: "event", level: "query" }],
  });
  client.$on("query", (event) => onQuery(event.query));
  return client;
}
