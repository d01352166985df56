// The process embedded Postgres runs in (see embedded-postgres.ts): PGlite
// and the socket server that lets ordinary clients reach it. Postgres's work
// and its WebAssembly heap live here, apart from the servers that query it:
// the way a Postgres server is a process of its own.

import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import type { EmbeddedProcessOptions, FromEmbeddedProcess, ToEmbeddedProcess } from "./embedded-postgres.ts";

const send = (message: FromEmbeddedProcess) => process.send!(message);

// Its parent decides when it stops: a Ctrl-C reaches the whole process
// group, and the parent must drain its requests before the database goes.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => {});

const options = await new Promise<EmbeddedProcessOptions>((resolve) => process.once("message", resolve));

try {
  const db = await PGlite.create({
    dataDir: options.dataDir,
    ...(options.loadDataDir && { loadDataDir: new Blob([options.loadDataDir]) }),
    postgresqlconf: options.settings,
  });
  const server = new PGLiteSocketServer({ db, host: options.host, port: options.port, maxConnections: options.maxConnections });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await server.stop();
      await db.close();
    })());
  // A parent that dies without a word (kill -9) leaves the data directory consistent.
  process.once("disconnect", () => void stop().finally(() => process.exit(0)));
  process.on("message", async (message: ToEmbeddedProcess) => {
    try {
      if (message === "dump") {
        send({ dump: new Uint8Array(await (await db.dumpDataDir("none")).arrayBuffer()) });
      } else {
        await stop();
        send({ stopped: true });
        process.disconnect();
      }
    } catch (error) {
      send({ failed: describe(error) });
    }
  });
  send({ serving: server.getServerConn() });
} catch (error) {
  send({ failed: describe(error) });
  process.disconnect();
}

function describe(error: unknown) {
  const { message, code } = error as NodeJS.ErrnoException;
  return { message: message ?? String(error), code };
}
