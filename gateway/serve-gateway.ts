import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { errorFormatter } from "../platform/graphql/errors.ts";
import { serveGraphQL, type RunningServer } from "../platform/http/serve-graphql.ts";
import { subgraphHealth } from "./subgraph-health.ts";
import { readSupergraph } from "./supergraph-file.ts";

export interface GatewayServeOptions {
  /** Where each subgraph answers, by name. */
  subgraphUrls: Readonly<Record<string, string>>;
  host: string;
  port: number;
  development: boolean;
}

/** Serves the committed supergraph; healthy when every subgraph answers. */
export function serveGateway({
  subgraphUrls,
  host,
  port,
  development,
}: GatewayServeOptions): Promise<RunningServer> {
  const gateway = new ApolloGateway({
    supergraphSdl: readSupergraph(),
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource({ url: subgraphUrls[name] ?? url }),
  });
  return serveGraphQL({
    apollo: {
      gateway,
      introspection: development,
      includeStacktraceInErrorResponses: development,
      formatError: errorFormatter({ exposeInternals: development }),
    },
    context: async () => ({}),
    health: () => subgraphHealth(subgraphUrls),
    host,
    port,
  });
}
