import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { readSupergraph } from "../../gateway/supergraph-file.ts";
import type { Identity } from "../../platform/auth/identity.ts";
import { benchCallerAuthenticator, benchInternalTokenIssuer } from "../auth.ts";
import { runChild } from "../child.ts";
import { pointSupergraphAt, subgraphUrlsFromEnv } from "./subgraph-urls.ts";

// Apollo Gateway as most teams would start it: its default
// RemoteGraphQLDataSource, Apollo Server's standalone HTTP server, default
// options. It authenticates as every target does, with Liaison's code: the
// caller's token when the context is built, an internal token per subgraph
// fetch (in `willSendRequest`, Apollo's documented hook for headers).

interface BenchContext {
  identity: Identity;
}

runChild(async () => {
  const authenticate = benchCallerAuthenticator();
  const issueToken = await benchInternalTokenIssuer();
  const gateway = new ApolloGateway({
    supergraphSdl: pointSupergraphAt(readSupergraph(), subgraphUrlsFromEnv()),
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<BenchContext>({
        url,
        async willSendRequest({ request, context }) {
          request.http?.headers.set("authorization", `Bearer ${await issueToken(context.identity, name)}`);
        },
      }),
  });
  const server = new ApolloServer<BenchContext>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { host: "127.0.0.1", port: 0 },
    context: async ({ req }) => ({ identity: await authenticate(req.headers.authorization) }),
  });
  return { url: new URL("/graphql", url).toString(), stop: () => server.stop() };
});
