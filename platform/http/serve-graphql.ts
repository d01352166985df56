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

export interface ServeOptions<Context extends BaseContext> {
  apollo: ApolloServerOptions<Context>;
  context: ApolloFastifyContextFunction<Context>;
  health: () => Promise<HealthReport>;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Adds routes of the server's own beside /graphql and /health. */
  routes?: (app: FastifyInstance) => void;
}

export interface RunningServer {
  /** The GraphQL endpoint. */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * Serves an Apollo Server at `/graphql`, with `/health` answering 200 or 503
 * with the health report as JSON. Stopping drains requests in flight.
 */
export async function serveGraphQL<Context extends BaseContext>(
  options: ServeOptions<Context>,
): Promise<RunningServer> {
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
  options.routes?.(fastify);
  await fastify.register(fastifyApollo(apollo), {
    path: "/graphql",
    context: options.context,
  });

  try {
    await fastify.listen({ host: options.host, port: options.port });
  } catch (error) {
    await apollo.stop();
    throw error;
  }
  const address = fastify.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    url: `http://${urlHost(options.host)}:${port}/graphql`,
    port,
    // Stopping Apollo closes the HTTP server first (the drain plugin), then
    // releases what Apollo holds, such as the gateway's subgraph clients.
    stop: () => apollo.stop(),
  };
}

function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "localhost";
  return host.includes(":") ? `[${host}]` : host;
}
