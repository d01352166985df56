// The thread embedded Postgres runs in (see embedded-postgres.ts): PGlite
// and the socket server that lets ordinary clients reach it. Postgres's work
// happens here, on a core of its own, not on the event loop that serves
// GraphQL.

import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import type { FromEmbeddedThread, ToEmbeddedThread, EmbeddedThreadOptions } from "./embedded-postgres.ts";

const options = workerData as EmbeddedThreadOptions;
const port = parentPort!;
const send = (message: FromEmbeddedThread, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

try {
  const db = await PGlite.create({
    dataDir: options.dataDir,
    ...(options.loadDataDir && { loadDataDir: new Blob([options.loadDataDir]) }),
    pgliteWasmModule: options.wasmModules.pglite,
    initdbWasmModule: options.wasmModules.initdb,
  });
  const server = new PGLiteSocketServer({ db, host: options.host, port: options.port, maxConnections: options.maxConnections });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  port.on("message", async (message: ToEmbeddedThread) => {
    try {
      if (message === "dump") {
        const dump = await (await db.dumpDataDir("none")).arrayBuffer();
        send({ dump }, [dump]);
      } else {
        await server.stop();
        await db.close();
        send({ stopped: true });
        port.close();
      }
    } catch (error) {
      send({ failed: describe(error) });
    }
  });
  send({ serving: server.getServerConn() });
} catch (error) {
  send({ failed: describe(error) });
  port.close();
}

function describe(error: unknown) {
  const { message, code } = error as NodeJS.ErrnoException;
  return { message: message ?? String(error), code };
}
