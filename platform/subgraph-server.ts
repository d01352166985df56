import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { forbidden, hasRole, type Identity } from "./auth/identity.ts";
import type { CallerAuthenticator } from "./auth/internal-token.ts";
import { enforceRoleDirectives } from "./auth/role-directive.ts";
import type { PrismaClient } from "./database/prisma.ts";
import { uncacheableMutations } from "./graphql/cache-control.ts";
import { errorFormatter } from "./graphql/errors.ts";
import type { HttpTimeouts } from "./config.ts";
import { buildGraphQLServer, type GraphQLServer, type Readiness } from "./http/graphql-server.ts";
import { subgraphTypeDefs, type RequestContext, type SubgraphDefinition } from "./subgraph.ts";

export interface SubgraphServerOptions {
  prisma: PrismaClient;
  /** Error details and introspection for developers; off in production. */
  development: boolean;
  /** Checks the gateway's internal token on every request. */
  authenticateCaller: CallerAuthenticator;
  timeouts?: HttpTimeouts;
}

export type SubgraphContext = RequestContext & object;

/** The context one request of `subgraph` runs with: its DataLoaders and who is asking. */
export function subgraphContext(subgraph: SubgraphDefinition, prisma: PrismaClient, identity: Identity): SubgraphContext {
  return { ...subgraph.createContext(prisma, identity), identity };
}

/** Builds one subgraph's server; it is ready while its database answers. */
export function buildSubgraphServer(
  subgraph: SubgraphDefinition,
  { prisma, development, authenticateCaller, timeouts }: SubgraphServerOptions,
): Promise<GraphQLServer<SubgraphContext>> {
  const schema = enforceRoleDirectives(
    buildSubgraphSchema({ typeDefs: subgraphTypeDefs(subgraph.name), resolvers: subgraph.resolvers }),
  );
  return buildGraphQLServer<SubgraphContext>({
    apollo: {
      schema,
      // Traces are for Apollo's hosted reporting, which Liaison does not use;
      // only the gateway calls a subgraph, so no browser needs a landing page.
      plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginLandingPageDisabled(), uncacheableMutations()],
      introspection: development,
      includeStacktraceInErrorResponses: development,
      formatError: errorFormatter({ exposeInternals: development }),
    },
    context: async (request) => {
      const identity = await authenticateCaller(request.headers.authorization);
      if (!hasRole(identity, "reader")) throw forbidden("This caller has no role in Liaison.", 403);
      return subgraphContext(subgraph, prisma, identity);
    },
    readiness: () => databaseReadiness(prisma),
    health: async ({ ready }) => ({ ok: ready }),
    timeouts,
  });
}

const DATABASE_CHECK_TIMEOUT_MS = 2_000;

async function databaseReadiness(prisma: PrismaClient): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), DATABASE_CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([prisma.$queryRaw`SELECT 1`, timedOut]);
    return { ready: true };
  } catch {
    return { ready: false, reason: "database unreachable" };
  } finally {
    clearTimeout(timer);
  }
}
