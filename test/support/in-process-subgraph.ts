import type { Identity } from "../../platform/auth/identity.ts";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import { buildSubgraphServer, subgraphContext } from "../../platform/subgraph-server.ts";
import { findSubgraph, type SubgraphName } from "../../supergraph/registry.ts";
import { withErrorLog } from "./error-log.ts";
import { testObservability } from "./test-logs.ts";
import type { GraphQLBody } from "./responses.ts";

/** Callers as the gateway vouches for them. */
export const callers: Record<"anonymous" | "reader" | "editor" | "admin", Identity> = {
  anonymous: { subject: null, roles: ["reader"] },
  reader: { subject: "rob-reader", roles: ["reader"] },
  editor: { subject: "eve-editor", roles: ["editor"] },
  admin: { subject: "ada-admin", roles: ["admin"] },
};

/**
 * A Prisma client that fails the operation that reaches it: for answers a
 * subgraph must give before it touches the database (bad input, a missing
 * role), which this proves it does and that nothing was written.
 */
export const noDatabase = new Proxy({} as PrismaClient, {
  get(_target, property) {
    throw new Error(`The operation reached the database (prisma.${String(property)}); it should have been answered before.`);
  },
});

export interface InProcessSubgraph {
  /**
   * Runs an operation as `caller` (an anonymous reader by default) through
   * the subgraph's Apollo Server, with the context a request over HTTP gets.
   * An internal error fails the test with what the server logged.
   */
  execute(query: string, variables?: Record<string, unknown>, caller?: Identity): Promise<{ status: number; body: GraphQLBody }>;
  stop(): Promise<void>;
}

/** One subgraph's server, built as in production but spoken to without HTTP, over `prisma` (no database by default). */
export async function inProcessSubgraph(name: SubgraphName, prisma: PrismaClient = noDatabase): Promise<InProcessSubgraph> {
  const { subgraph } = await findSubgraph(name)!.load();
  const server = await buildSubgraphServer(subgraph, {
    prisma,
    development: false,
    authenticateCaller: () => Promise.reject(new Error("An in-process operation is given its caller.")),
    observability: testObservability(),
  });
  return {
    async execute(query, variables, caller = callers.anonymous) {
      const { result, logged } = await withErrorLog(() =>
        server.apollo.executeOperation(
          { query, ...(variables && { variables }) },
          { contextValue: subgraphContext(subgraph, prisma, caller) },
        ),
      );
      if (logged.length > 0) throw new Error(`The ${name} subgraph failed inside:\n${logged.join("\n")}`);
      if (result.body.kind !== "single") throw new Error("Expected a single result, not an incremental one.");
      const { data, errors } = result.body.singleResult;
      return {
        status: result.http.status ?? 200,
        body: { ...(data !== undefined && { data }), ...(errors && { errors: errors as GraphQLBody["errors"] }) },
      };
    },
    stop: () => server.stop(),
  };
}
