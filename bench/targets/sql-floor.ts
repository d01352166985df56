import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { listenOnLoopback } from "./listen.ts";
import pg from "pg";
import { benchCallerAuthenticator } from "../auth.ts";
import { requireEnv, runChild } from "../child.ts";
import { floorHandlers } from "./sql-floor-queries.ts";

// The floor: the same answers from hand-written SQL over pg, no GraphQL at
// all. It reads the operation name and variables from the same request
// body, verifies the caller's token as the gateways do, runs the SQL and
// writes `{"data": …}`. Nothing can serve these operations with less work.

let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  return (query as (...args: unknown[]) => unknown).apply(this, args);
} as typeof query;

const MAX_BODY_BYTES = 1 << 20;

runChild(
  async () => {
    // The same pool size and session options as the subgraphs' Prisma clients (JIT off).
    const pool = new pg.Pool({ connectionString: requireEnv("DATABASE_URL"), max: 10, options: "-c jit=off" });
    const authenticate = benchCallerAuthenticator();

    async function handle(request: IncomingMessage, response: ServerResponse) {
      if (request.method !== "POST" || !request.url?.startsWith("/graphql")) {
        return send(response, 404, { errors: [{ message: "Not found" }] });
      }
      try {
        await authenticate(request.headers.authorization);
      } catch {
        return send(response, 401, { errors: [{ message: "Unauthenticated", extensions: { code: "UNAUTHENTICATED" } }] });
      }
      const body = JSON.parse(await readBody(request)) as {
        operationName?: string;
        variables?: Record<string, unknown>;
      };
      const handler = body.operationName ? floorHandlers[body.operationName] : undefined;
      if (!handler) {
        return send(response, 400, { errors: [{ message: `The floor has no SQL for ${body.operationName}` }] });
      }
      send(response, 200, { data: await handler(pool, body.variables ?? {}) });
    }

    const server = createServer((request, response) => {
      handle(request, response).catch((error: unknown) => {
        console.error(error);
        if (!response.headersSent) send(response, 500, { errors: [{ message: "Internal error" }] });
      });
    });
    const listening = await listenOnLoopback(server);
    return {
      url: listening.url,
      async stop() {
        await listening.close();
        await pool.end();
      },
    };
  },
  {
    onRequest(body) {
      const count = statements;
      if ((body as { reset?: boolean }).reset) statements = 0;
      return { statements: count };
    },
  },
);

function send(response: ServerResponse, status: number, body: unknown) {
  const json = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(json),
  });
  response.end(json);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error("Body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
