import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { forbidden, hasRole, type Identity } from "./auth/identity.ts";
import type { CallerAuthenticator } from "./auth/internal-token.ts";
import { enforceRoleDirectives } from "./auth/role-directive.ts";
import type { PrismaClient } from "./database/prisma.ts";
import { uncacheableMutations } from "./graphql/cache-control.ts";
import { errorFormatter } from "./graphql/errors.ts";
import { buildGraphQLServer, type GraphQLServer } from "./http/graphql-server.ts";
import { subgraphTypeDefs, type RequestContext, type SubgraphDefinition } from "./subgraph.ts";

export interface SubgraphServerOptions {
  prisma: PrismaClient;
  /** Error details and introspection for developers; off in production. */
  development: boolean;
  /** Checks the gateway's internal token on every request. */
  authenticateCaller: CallerAuthenticator;
}

export type SubgraphContext = RequestContext & object;

/** The context one request of `subgraph` runs with: its DataLoaders and who is asking. */
export function subgraphContext(subgraph: SubgraphDefinition, prisma: PrismaClient, identity: Identity): SubgraphContext {
  return { ...subgraph.createContext(prisma, identity), identity };
}

/** Builds one subgraph's server; its health is whether its database answers. */
export function buildSubgraphServer(
  subgraph: SubgraphDefinition,
  { prisma, development, authenticateCaller }: SubgraphServerOptions,
): Promise<GraphQLServer<SubgraphContext>> {
  const schema = enforceRoleDirectives(
    buildSubgraphSchema({ typeDefs: subgraphTypeDefs(subgraph.name), resolvers: subgraph.resolvers }),
  );
  return buildGraphQLServer<SubgraphContext>({
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
      return subgraphContext(subgraph, prisma, identity);
    },
    health: () => databaseHealth(prisma),
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
