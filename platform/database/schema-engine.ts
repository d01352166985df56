import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaContainer, SchemaEngine } from "@prisma/schema-engine-wasm";
import pg from "pg";
import { prismaSchemaDirectory } from "./paths.ts";

export type { SchemaContainer, SchemaEngine };

export interface OpenSchemaEngine {
  readonly engine: SchemaEngine;
  /** Frees the engine and closes every connection it opened. */
  close(): Promise<void>;
}

export interface SchemaEngineOptions {
  databaseUrl: string;
  /** An empty database the engine may replay migrations into. */
  shadowDatabaseUrl?: string;
  datamodels?: SchemaContainer[];
}

export async function openSchemaEngine(
  options: SchemaEngineOptions,
): Promise<OpenSchemaEngine> {
  const { SchemaEngine } = await loadEngineBindings();
  const connections = new EngineConnections(options);
  try {
    const engine = await SchemaEngine.new(
      { datamodels: options.datamodels?.map(({ path, content }) => [path, content]) },
      logEngineMessage,
      bindMigrationAwareSqlAdapterFactory(connections.factory),
    );
    return {
      engine,
      async close() {
        engine.free();
        await connections.close();
      },
    };
  } catch (error) {
    await connections.close();
    throw error;
  }
}

export async function readPrismaSchemaFiles(
  directory = prismaSchemaDirectory,
): Promise<SchemaContainer[]> {
  const names = (await readdir(directory)).filter((name) => name.endsWith(".prisma")).sort();
  return Promise.all(
    names.map(async (name) => {
      const path = join(directory, name);
      return { path, content: await readFile(path, "utf8") };
    }),
  );
}

function logEngineMessage(message: string): void {
  if (process.env.LIAISON_DEBUG) console.error(`[schema-engine] ${message}`);
}

type EngineBindings = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

let engineBindings: Promise<EngineBindings> | undefined;

// The package imports its .wasm file as an ES module, which only bundlers
// (or Node with --experimental-wasm-modules) understand, so the module is
// instantiated here by hand, once per process.
function loadEngineBindings(): Promise<EngineBindings> {
  engineBindings ??= instantiateEngineBindings();
  return engineBindings;
}

async function instantiateEngineBindings(): Promise<EngineBindings> {
  const bindingsUrl = import.meta.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bindings: EngineBindings = await import(bindingsUrl);
  const wasmBytes = await readFile(new URL("schema_engine_bg.wasm", bindingsUrl));
  const { instance } = await WebAssembly.instantiate(wasmBytes, {
    "./schema_engine_bg.js": withUnrefTimers(bindings),
  });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  installPanicRegistry();
  return bindings;
}

// The engine arms a timer for each timeout it races (10 s for its advisory
// lock, ...) and has no way to clear one, so a referenced timer would keep a
// finished process alive until it fires. While the engine works, its open
// connections keep the process alive anyway.
function withUnrefTimers(bindings: EngineBindings): WebAssembly.ModuleImports {
  const imports: WebAssembly.ModuleImports = { ...bindings };
  for (const name of Object.keys(imports).filter((key) => key.startsWith("__wbg_setTimeout_"))) {
    imports[name] = (callback: () => void, milliseconds: number) =>
      setTimeout(callback, milliseconds >>> 0).unref();
  }
  return imports;
}

// On a Rust panic the engine records the message in this global, and fails
// with a TypeError of its own when the global is missing.
function installPanicRegistry(): void {
  const global = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown };
  let panicMessage = "";
  global.PRISMA_WASM_PANIC_REGISTRY ??= {
    get: () => panicMessage,
    set_message(message: string) {
      panicMessage = `RuntimeError: ${message}`;
    },
  };
}

// The engine does not always dispose the adapters it asks for, so the pools
// behind them (and the session lock the engine takes on one) are owned here.
class EngineConnections {
  readonly factory: SqlMigrationAwareDriverAdapterFactory;
  readonly #pools: pg.Pool[] = [];

  constructor({ databaseUrl, shadowDatabaseUrl }: SchemaEngineOptions) {
    this.factory = {
      provider: "postgres",
      adapterName: "@prisma/adapter-pg",
      connect: () => this.#connect(databaseUrl),
      connectToShadowDb: async () => {
        if (!shadowDatabaseUrl) throw new Error("No shadow database was given to the engine");
        return this.#connect(shadowDatabaseUrl);
      },
    };
  }

  async #connect(connectionString: string): Promise<SqlDriverAdapter> {
    const pool = new pg.Pool({ connectionString });
    pool.on("error", (error) => logEngineMessage(`idle connection failed: ${error.message}`));
    this.#pools.push(pool);
    return adaptToEngine(await new PrismaPg(pool).connect(), pool);
  }

  async close(): Promise<void> {
    await Promise.all(this.#pools.splice(0).map((pool) => pool.end()));
  }
}

// Mismatches between this engine build, @prisma/adapter-pg 7.10 and recent
// Postgres, smoothed over in every adapter the engine gets:
//
// - The adapter runs a script (a migration) by splitting it on every ";",
//   which breaks string literals and function bodies, and sends the pieces
//   to whichever pooled connection is free. The native engine sends the
//   script whole, which Postgres runs as one implicit transaction; so does
//   this.
// - Describing a database reads catalog columns of Postgres's one-byte
//   "char" type (pg_class.relkind, ...), which the adapter rejects as an
//   unsupported type. pg already hands their values over as one-letter
//   strings, so they are declared text.
// - PostgreSQL 18 (and PGlite 0.5, which is 18) lists NOT NULL constraints in
//   pg_constraint with contype 'n'; the engine's constraints query does not
//   exclude them and the engine panics on them. They are filtered out as on
//   Postgres 17, where nullability comes from pg_attribute alone.
// - This engine build panics on CHECK constraints too (contype 'c', on any
//   Postgres), which migrations add by hand because a Prisma schema cannot
//   express them. Prisma's diffs neither create nor drop CHECK constraints,
//   so hiding them from the engine changes no migration it writes.
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const CONSTRAINTS_FILTER = "contype NOT IN ('p', 'u', 'f')";
const CONSTRAINTS_FILTER_FOR_ENGINE = "contype NOT IN ('p', 'u', 'f', 'n', 'c')";

// The parts of @prisma/adapter-pg's queryable classes that its types hide.
interface PgQueryable {
  performIO(query: { sql: string }): Promise<{ fields: { dataTypeID: number }[] }>;
  onError(error: unknown): never;
}

function adaptToEngine(adapter: SqlDriverAdapter, pool: pg.Pool): SqlDriverAdapter {
  adaptQueriesToEngine(adapter);
  adapter.executeScript = async (script) => {
    await pool
      .query(script)
      .catch((error: unknown) => (adapter as unknown as PgQueryable).onError(error));
  };
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    const transaction = await startTransaction(isolationLevel);
    adaptQueriesToEngine(transaction);
    return transaction;
  };
  return adapter;
}

function adaptQueriesToEngine(queryable: object): void {
  const pgQueryable = queryable as PgQueryable;
  const performIO = pgQueryable.performIO.bind(pgQueryable);
  pgQueryable.performIO = async (query) => {
    const result = await performIO({
      ...query,
      sql: query.sql.replace(CONSTRAINTS_FILTER, CONSTRAINTS_FILTER_FOR_ENGINE),
    });
    for (const field of result.fields) {
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
    return result;
  };
}
