import { isDevelopment, readConfig, subgraphPort, ConfigError } from "../platform/config.ts";
import { internalTokenVerifier } from "../platform/auth/internal-token.ts";
import { createPrismaClient } from "../platform/database/prisma.ts";
import { serveSubgraph } from "../platform/serve-subgraph.ts";
import { runMain, stopOnSignal } from "../platform/cli.ts";
import { subgraphs } from "../subgraphs/registry.ts";

// Serves one subgraph on its own: `npm run serve:subgraph -- agencies`.
// Its database must already be migrated (`npm run migrate`). It trusts the
// gateway whose public keys GATEWAY_JWKS_URL serves.

runMain(async () => {
  const config = readConfig();
  const name = process.argv[2];
  const subgraph = subgraphs.find((candidate) => candidate.name === name);
  if (!subgraph) {
    throw new ConfigError(`Name a subgraph to serve: ${subgraphs.map((s) => s.name).join(", ")}.`);
  }
  if (!config.databaseUrl) throw new ConfigError("DATABASE_URL must be set to serve a subgraph on its own.");
  const prisma = createPrismaClient(config.databaseUrl);
  const server = await serveSubgraph(subgraph, {
    prisma,
    host: config.host,
    port: subgraphPort(subgraph.name, subgraph.defaultPort),
    development: isDevelopment(config),
    authenticateCaller: internalTokenVerifier(subgraph.name, new URL(config.gatewayJwksUrl)),
  });
  console.log(`Subgraph ${subgraph.name} is serving ${server.url}`);
  stopOnSignal(async () => {
    await server.stop();
    await prisma.$disconnect();
  });
});
