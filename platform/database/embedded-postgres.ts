import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { Worker } from "node:worker_threads";

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

/** What the thread running an instance is started with. */
export interface EmbeddedThreadOptions {
  dataDir?: string;
  loadDataDir?: ArrayBuffer;
  host: string;
  port: number;
  maxConnections: number;
  /** Postgres and initdb compiled once per process and shared by its threads. */
  wasmModules: { pglite: WebAssembly.Module; initdb: WebAssembly.Module };
}
export type ToEmbeddedThread = "dump" | "stop";
export type FromEmbeddedThread =
  | { serving: string }
  | { dump: ArrayBuffer }
  | { stopped: true }
  | { failed: { message: string; code?: string } };

/**
 * Starts Postgres in a thread of its own, so that its queries, which run in
 * WebAssembly, use another core and never hold up the event loop of the
 * servers that query it.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const loadDataDir = options.dataDir ? undefined : (options.loadDataDir ?? freshDataDir);
  const threadOptions: EmbeddedThreadOptions = {
    dataDir: options.dataDir,
    loadDataDir: loadDataDir && (await loadDataDir.arrayBuffer()),
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
    maxConnections: MAX_CONNECTIONS,
    wasmModules: await compiledWasmModules(),
  };
  const thread = new Worker(new URL("./embedded-postgres-thread.ts", import.meta.url), {
    workerData: threadOptions,
    transferList: threadOptions.loadDataDir ? [threadOptions.loadDataDir] : [],
  });
  const reply = async () => {
    const [message] = (await once(thread, "message")) as [FromEmbeddedThread];
    if ("failed" in message) throw Object.assign(new Error(message.failed.message), { code: message.failed.code });
    return message;
  };
  let serving: string;
  try {
    serving = ((await reply()) as { serving: string }).serving;
  } catch (error) {
    await thread.terminate();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    url: `postgresql://postgres@${serving}/postgres`,
    async dumpDataDir() {
      thread.postMessage("dump" satisfies ToEmbeddedThread);
      return new Blob([((await reply()) as { dump: ArrayBuffer }).dump]);
    },
    stop() {
      return (stopped ??= (async () => {
        thread.postMessage("stop" satisfies ToEmbeddedThread);
        await reply();
        await once(thread, "exit");
      })());
    },
  };
}

let wasmModules: Promise<EmbeddedThreadOptions["wasmModules"]> | undefined;

function compiledWasmModules(): Promise<EmbeddedThreadOptions["wasmModules"]> {
  const compile = async (file: string) =>
    WebAssembly.compile(await readFile(new URL(file, import.meta.resolve("@electric-sql/pglite"))));
  return (wasmModules ??= (async () => ({ pglite: await compile("./pglite.wasm"), initdb: await compile("./initdb.wasm") }))());
}
