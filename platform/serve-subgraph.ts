import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { forbidden, hasRole } from "./auth/identity.ts";
import type { CallerAuthenticator } from "./auth/internal-token.ts";
import { enforceRoleDirectives } from "./auth/role-directive.ts";
import type { PrismaClient } from "./database/prisma.ts";
import { uncacheableMutations } from "./graphql/cache-control.ts";
import { errorFormatter } from "./graphql/errors.ts";
import { serveGraphQL, type RunningServer } from "./http/serve-graphql.ts";
import { subgraphTypeDefs, type SubgraphDefinition } from "./subgraph.ts";

export interface SubgraphServeOptions {
  prisma: PrismaClient;
  host: string;
  port: number;
  /** Error details and introspection for developers; off in production. */
  development: boolean;
  /** Checks the gateway's internal token on every request. */
  authenticateCaller: CallerAuthenticator;
}

/** Serves one subgraph over HTTP; its health is whether its database answers. */
export function serveSubgraph(
  subgraph: SubgraphDefinition,
  { prisma, host, port, development, authenticateCaller }: SubgraphServeOptions,
): Promise<RunningServer> {
  const schema = enforceRoleDirectives(
    buildSubgraphSchema({ typeDefs: subgraphTypeDefs(subgraph.name), resolvers: subgraph.resolvers }),
  );
  return serveGraphQL({
    apollo: {
      schema,
      // Traces are for Apollo's hosted reporting, which Liaison does not use.
      plugins: [ApolloServerPluginInlineTraceDisabled(), uncacheableMutations()],
      introspection: development,
      includeStacktraceInErrorResponses: development,
      formatError: errorFormatter({ exposeInternals: development }),
    },
    context: async (request) => {
      const identity = await authenticateCaller(request.headers.authorization);
      if (!hasRole(identity, "reader")) throw forbidden("This caller has no role in Liaison.", 403);
      return { ...subgraph.createContext(prisma, identity), identity };
    },
    health: () => databaseHealth(prisma),
    host,
    port,
  });
}

async function databaseHealth(prisma: PrismaClient) {
  try {
    await prisma.$queryRaw`SELECT 1`;
    return { ok: true };
  } catch {
    return { ok: false, reason: "database unreachable" };
  }
}
