import { fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

export interface EmbeddedPostgres {
  /** A connection string any Postgres client (pg, Prisma) can use. */
  readonly url: string;
  /**
   * A copy of the data directory as it is now, from which `loadDataDir`
   * starts other instances. Close every client first.
   */
  dumpDataDir(): Promise<Blob>;
  stop(): Promise<void>;
  /**
   * Settles with how Postgres's process ended if it ends without being
   * asked to stop (killed, or crashed); never otherwise.
   */
  readonly lost: Promise<string>;
}

export interface EmbeddedPostgresOptions {
  /** Folder that keeps the data between runs; in memory when omitted. */
  dataDir?: string;
  /** A `dumpDataDir` copy the instance starts from: in memory, or in a new `dataDir`. */
  loadDataDir?: Blob;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
}

// PGlite runs one Postgres backend; the socket server lets ordinary clients
// reach it over the wire protocol, queueing their queries.
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

/** What the process running an instance is started with. */
export interface EmbeddedProcessOptions {
  dataDir?: string;
  loadDataDir?: Uint8Array<ArrayBuffer>;
  host: string;
  port: number;
  maxConnections: number;
  /** postgresql.conf lines. */
  settings: string[];
}
export type ToEmbeddedProcess = "dump" | "stop";
export type FromEmbeddedProcess =
  | { serving: string }
  | { dump: Uint8Array<ArrayBuffer> }
  | { stopped: true }
  | { failed: { message: string; code?: string } };

// PGlite's defaults suit a server with memory to spare. Its data is read
// from the data directory through the operating system's cache, or lives
// in its heap already when in memory, so Postgres's own cache need not be
// large; small ones keep the process near 250 MB rather than 400.
const SETTINGS = ["shared_buffers = 16MB", "maintenance_work_mem = 16MB"];

/**
 * Starts Postgres in a process of its own, so that its queries, which run
 * in WebAssembly, use another core and never hold up the event loop of the
 * servers that query it, and its heap is not theirs. It stops with its
 * parent, also when the parent is killed.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const loadDataDir = options.loadDataDir ?? (options.dataDir ? undefined : freshDataDir);
  const processOptions: EmbeddedProcessOptions = {
    dataDir: options.dataDir,
    loadDataDir: loadDataDir && new Uint8Array(await loadDataDir.arrayBuffer()),
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
    maxConnections: MAX_CONNECTIONS,
    settings: SETTINGS,
  };
  const child = fork(fileURLToPath(new URL("./embedded-postgres-process.ts", import.meta.url)), {
    serialization: "advanced",
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    execArgv: [],
  });
  const exited = once(child, "exit");
  const goneQuiet: FromEmbeddedProcess = { failed: { message: "Embedded Postgres exited." } };
  /** Its answer to what was last asked, or a failure when it exits instead. */
  const reply = async () => {
    const [message] = (await Promise.race([once(child, "message"), exited.then(() => [goneQuiet])])) as [FromEmbeddedProcess];
    if ("failed" in message) throw Object.assign(new Error(message.failed.message), { code: message.failed.code });
    return message;
  };
  child.send(processOptions);
  let serving: string;
  try {
    serving = ((await reply()) as { serving: string }).serving;
  } catch (error) {
    child.kill();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  const lost = exited.then(([code, signal]) =>
    stopped ? new Promise<never>(() => {}) : signal ? `killed by ${signal}` : `exited with code ${code}`,
  );
  return {
    url: `postgresql://postgres@${serving}/postgres`,
    lost,
    async dumpDataDir() {
      child.send("dump" satisfies ToEmbeddedProcess);
      return new Blob([((await reply()) as { dump: Uint8Array<ArrayBuffer> }).dump]);
    },
    stop() {
      return (stopped ??= (async () => {
        if (child.exitCode === null) {
          child.send("stop" satisfies ToEmbeddedProcess);
          await reply();
        }
        await exited;
      })());
    },
  };
}
