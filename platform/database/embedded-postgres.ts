import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedPostgres {
  /** A connection string any Postgres client (pg, Prisma) can use. */
  readonly url: string;
  /**
   * A copy of the data directory as it is now, from which `loadDataDir`
   * starts other instances. Close every client first.
   */
  dumpDataDir(): Promise<Blob>;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Folder that keeps the data between runs; in memory when omitted. */
  dataDir?: string;
  /** A `dumpDataDir` copy an in-memory instance starts from. */
  loadDataDir?: Blob;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
}

// PGlite runs one Postgres backend in this process; the socket server lets
// ordinary clients reach it over the wire protocol, queueing their queries.
const MAX_CONNECTIONS = 32;

/**
 * How many connections a server's Prisma client should open to embedded
 * Postgres: one. Every connection shares PGlite's single session, and the
 * socket server queues each protocol message on its own, so a statement
 * sent on one connection while another holds a transaction open can lose
 * its unnamed portal to that transaction (`portal "" does not exist`). One
 * connection queues whole statements and transactions in the client
 * instead; PGlite runs one statement at a time anyway.
 */
export const EMBEDDED_POOL_SIZE = 1;

let freshDataDir: Blob | undefined;

/**
 * Starts in-memory instances given no `loadDataDir` from `dump`, a freshly
 * initialised data directory, instead of initialising their own, which
 * takes seconds in WebAssembly. For test runs, which start many.
 */
export function startInMemoryInstancesFrom(dump: Blob | undefined): void {
  freshDataDir = dump;
}

export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgres> {
  const loadDataDir = options.dataDir ? undefined : (options.loadDataDir ?? freshDataDir);
  const db = await PGlite.create({ dataDir: options.dataDir, ...(loadDataDir && { loadDataDir }) });
  const server = new PGLiteSocketServer({
    db,
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
    maxConnections: MAX_CONNECTIONS,
  });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  return {
    url: `postgresql://postgres@${server.getServerConn()}/postgres`,
    dumpDataDir: () => db.dumpDataDir("none"),
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
