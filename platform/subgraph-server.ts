import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { buildSubgraphSchema, printSubgraphSchema } from "@apollo/subgraph";
import type { ApolloServerPlugin } from "@apollo/server";
import { forbidden, hasRole, type Identity } from "./auth/identity.ts";
import type { CallerAuthenticator } from "./auth/internal-token.ts";
import { enforceRoleDirectives } from "./auth/role-directive.ts";
import { CHANGES_APPLIED_EXTENSION } from "./changes/change-event.ts";
import type { ChangeFeed } from "./changes/change-feed.ts";
import { catchUpTo, CHANGES_THROUGH_HEADER } from "./changes/changes-through.ts";
import { databaseInputFault } from "./database/errors.ts";
import { connectionPoolOf, type PrismaClient } from "./database/prisma.ts";
import { CompiledExecution } from "./graphql/compiled-execution.ts";
import { documentCachePolicy } from "./graphql/document-cache-policy.ts";
import { errorFormatter } from "./graphql/errors.ts";
import type { HttpTimeouts } from "./config.ts";
import { buildGraphQLServer, type GraphQLServer, type Readiness } from "./http/graphql-server.ts";
import type { Observability } from "./observability/observability.ts";
import { subgraphTypeDefs } from "./subgraph-sdl.ts";
import type { RequestContext, SubgraphDefinition, SubgraphMemory } from "./subgraph.ts";

export interface SubgraphServerOptions {
  prisma: PrismaClient;
  /** Error details and introspection for developers; off in production. */
  development: boolean;
  /** Checks the gateway's internal token on every request. */
  authenticateCaller: CallerAuthenticator;
  timeouts?: HttpTimeouts;
  /** The change feed a subgraph with memory keeps it fresh from; without it, such a subgraph answers from SQL alone. */
  changes?: ChangeFeed;
  observability: Observability;
}

export type SubgraphContext = RequestContext & object;

/** The context one request of `subgraph` runs with: its DataLoaders and who is asking. */
export function subgraphContext(
  subgraph: SubgraphDefinition,
  prisma: PrismaClient,
  identity: Identity,
  memory?: SubgraphMemory,
): SubgraphContext {
  return { ...subgraph.createContext(prisma, identity, memory), identity };
}

/**
 * Builds one subgraph's server, with its memory built first when it keeps
 * one and a change feed is given; it is ready while its database answers.
 */
export async function buildSubgraphServer(
  subgraph: SubgraphDefinition,
  { prisma, development, authenticateCaller, timeouts, changes, observability }: SubgraphServerOptions,
): Promise<GraphQLServer<SubgraphContext>> {
  const memory = subgraph.startMemory && changes ? await subgraph.startMemory(prisma, changes) : undefined;
  const pool = connectionPoolOf(prisma);
  if (pool) observability.metrics.watchPool(pool);
  const schema = enforceRoleDirectives(
    buildSubgraphSchema({ typeDefs: subgraphTypeDefs(subgraph.name), resolvers: subgraph.resolvers }),
  );
  const built = buildGraphQLServer<SubgraphContext>({
    service: subgraph.name,
    observability,
    apollo: {
      gateway: new CompiledExecution(schema, printSubgraphSchema(schema)),
      // Traces are for Apollo's hosted reporting, which Liaison does not use;
      // only the gateway calls a subgraph, so no browser needs a landing page;
      // the Cache-Control is worked out per document, not per field.
      plugins: [
        ApolloServerPluginInlineTraceDisabled(),
        ApolloServerPluginLandingPageDisabled(),
        ApolloServerPluginCacheControlDisabled(),
        documentCachePolicy(schema),
        ...(memory ? [stopsWithServer(memory)] : []),
        ...(memory && changes ? [reportsChangesApplied(changes)] : []),
      ],
      introspection: development,
      includeStacktraceInErrorResponses: development,
      formatError: errorFormatter({ exposeInternals: development, logger: observability.logger, clientFault: databaseInputFault }),
    },
    context: async (request) => {
      const identity = await authenticateCaller(request.headers.authorization);
      if (!hasRole(identity, "reader")) throw forbidden("This caller has no role in Liaison.", 403);
      // Memory reflects every change the gateway knew of when the operation began.
      if (memory && changes) await catchUpTo(changes, request.headers[CHANGES_THROUGH_HEADER]);
      return subgraphContext(subgraph, prisma, identity, memory);
    },
    readiness: () => databaseReadiness(prisma),
    health: async ({ ready }) => ({ ok: ready }),
    timeouts,
  });
  return built.catch(async (error: unknown) => {
    await memory?.stop();
    throw error;
  });
}

function stopsWithServer(memory: SubgraphMemory): ApolloServerPlugin<SubgraphContext> {
  return {
    async serverWillStart() {
      return { serverWillStop: () => memory.stop() };
    },
  };
}

/**
 * Answers, with every response, the feed's position when the request
 * arrived: the subgraph's memory reflects every change up to it by the time
 * it answers (see CHANGES_APPLIED_EXTENSION).
 */
function reportsChangesApplied(changes: ChangeFeed): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      const applied = changes.position.toString();
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, [CHANGES_APPLIED_EXTENSION]: applied };
        },
      };
    },
  };
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
