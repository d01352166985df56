import pg from "pg";
import { ChangeFeed } from "../platform/changes/change-feed.ts";
import { prismaChangeLog } from "../platform/changes/change-log.ts";
import { readLogSettings } from "../platform/config.ts";
import { createPrismaClient } from "../platform/database/prisma.ts";
import { createObservability } from "../platform/observability/observability.ts";
import { buildSubgraphServer } from "../platform/subgraph-server.ts";
import { findSubgraph } from "../supergraph/registry.ts";
import { benchSubgraphAuthenticator } from "./auth.ts";
import { requireEnv, runChild } from "./child.ts";

// One of the repo's subgraphs, served as it is in production (the registry's
// definition, `buildSubgraphServer`, a Prisma client with its default pool), in a
// process of its own. Every target of a bench run talks to the same ones.
//
// It counts the SQL statements it sends by wrapping pg's Client#query, which
// Prisma's pg adapter calls once per statement: a counter increment, unlike
// Prisma's query log events, costs nothing measurable under load.

let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  return (query as (...args: unknown[]) => unknown).apply(this, args);
} as typeof query;

export type SubgraphRequest = { kind: "statements"; reset?: boolean };

const name = process.argv[2];
const entry = findSubgraph(name ?? "");
if (!entry) throw new Error(`No subgraph named ${name}`);
const { subgraph } = await entry.load();

runChild(
  async () => {
    const databaseUrl = requireEnv("DATABASE_URL");
    const prisma = createPrismaClient(databaseUrl);
    const changes = subgraph.startMemory
      ? await ChangeFeed.start({ log: prismaChangeLog(prisma), notificationsUrl: databaseUrl })
      : undefined;
    const built = await buildSubgraphServer(subgraph, {
      prisma,
      development: false,
      authenticateCaller: await benchSubgraphAuthenticator(subgraph.name),
      changes,
      observability: createObservability({ logging: readLogSettings(process.env), environment: "production" }),
    });
    const server = await built.listen("127.0.0.1", 0);
    return {
      url: server.url,
      async stop() {
        await server.stop();
        await changes?.stop();
        await prisma.$disconnect();
      },
    };
  },
  {
    onRequest(body) {
      const request = body as SubgraphRequest;
      const count = statements;
      if (request.reset) statements = 0;
      return { statements: count };
    },
  },
);
