import { ApolloServer, type ApolloServerOptions, type BaseContext } from "@apollo/server";
import fastifyApollo, {
  fastifyApolloDrainPlugin,
  type ApolloFastifyContextFunction,
} from "@as-integrations/fastify";
import Fastify, { type FastifyInstance } from "fastify";

export interface HealthReport {
  ok: boolean;
  [detail: string]: unknown;
}

export interface GraphQLServerOptions<Context extends BaseContext> {
  apollo: ApolloServerOptions<Context>;
  context: ApolloFastifyContextFunction<Context>;
  health: () => Promise<HealthReport>;
  /** Adds routes of the server's own beside /graphql and /health, once Apollo has started. */
  routes?: (app: FastifyInstance, apollo: ApolloServer<Context>) => void;
}

/** A built server: answers operations in-process, and listens when asked. */
export interface GraphQLServer<Context extends BaseContext> {
  readonly apollo: ApolloServer<Context>;
  /** Listens on `port` (0 picks a free one). */
  listen(host: string, port: number): Promise<RunningServer>;
  /** Drains what is in flight, then releases what Apollo holds. */
  stop(): Promise<void>;
}

export interface RunningServer {
  /** The GraphQL endpoint. */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * Builds an Apollo Server served by fastify at `/graphql`, with `/health`
 * answering 200 or 503 with the health report as JSON. Nothing listens
 * until `listen`, so tests can run operations without a port.
 */
export async function buildGraphQLServer<Context extends BaseContext>(
  options: GraphQLServerOptions<Context>,
): Promise<GraphQLServer<Context>> {
  const fastify = Fastify();
  const apollo = new ApolloServer<Context>({
    ...options.apollo,
    plugins: [...(options.apollo.plugins ?? []), fastifyApolloDrainPlugin(fastify)],
  } as ApolloServerOptions<Context>);
  await apollo.start();

  fastify.get("/health", async (_request, reply) => {
    const report = await options.health();
    return reply.code(report.ok ? 200 : 503).send(report);
  });
  options.routes?.(fastify, apollo);
  await fastify.register(fastifyApollo(apollo), {
    path: "/graphql",
    context: options.context,
  });

  // Stopping Apollo closes the HTTP server first (the drain plugin), then
  // releases what Apollo holds, such as the gateway's subgraph clients.
  const stop = () => apollo.stop();
  return {
    apollo,
    stop,
    async listen(host, port) {
      try {
        await fastify.listen({ host, port });
      } catch (error) {
        await stop();
        throw error;
      }
      const address = fastify.server.address();
      const boundPort = typeof address === "object" && address ? address.port : port;
      return { url: `http://${urlHost(host)}:${boundPort}/graphql`, port: boundPort, stop };
    },
  };
}

function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "localhost";
  return host.includes(":") ? `[${host}]` : host;
}
