import { ApolloServer, type ApolloServerOptions, type ApolloServerPlugin, type BaseContext } from "@apollo/server";
import fastifyApollo, { type ApolloFastifyContextFunction } from "@as-integrations/fastify";
import Fastify, { type FastifyInstance } from "fastify";
import { DEFAULT_HTTP_TIMEOUTS, type HttpTimeouts } from "../config.ts";
import { operationResolution } from "../graphql/operation-resolution.ts";
import { serveMetrics } from "../observability/management-server.ts";
import type { Observability } from "../observability/observability.ts";
import { fastifyLogging, logRequests, recordOperations } from "../observability/request-logging.ts";

/** Whether a server can serve now, and why not when it cannot. */
export interface Readiness {
  ready: boolean;
  reason?: string;
}

/** The detail `/health` shows: whatever the server knows about what it depends on. */
export interface HealthReport {
  ok: boolean;
  [detail: string]: unknown;
}

export interface GraphQLServerOptions<Context extends BaseContext> {
  /** Names the server in its logs and metrics: `gateway` or the subgraph's name. */
  service: string;
  observability: Observability;
  apollo: ApolloServerOptions<Context>;
  context: ApolloFastifyContextFunction<Context>;
  /** Whether it can serve: `/ready`. */
  readiness: () => Promise<Readiness>;
  /** The detail view, `/health`, given the server's readiness. */
  health: (readiness: Readiness) => Promise<HealthReport>;
  /** Cut slow clients; the defaults when left out. */
  timeouts?: HttpTimeouts;
  /** Adds routes of the server's own beside /graphql and the probes, once Apollo has started. */
  routes?: (app: FastifyInstance, apollo: ApolloServer<Context>) => void;
}

/** A built server: answers operations in-process, and listens when asked. */
export interface GraphQLServer<Context extends BaseContext> {
  readonly apollo: ApolloServer<Context>;
  /** Listens on `port` (0 picks a free one). */
  listen(host: string, port: number): Promise<RunningServer>;
  stop(options?: StopOptions): Promise<void>;
}

export interface StopOptions {
  /** How long to keep serving, unready, before the listener closes, so load balancers stop sending first. */
  delayMs?: number;
  /** When (Date.now()) connections still open are cut; DEFAULT_DRAIN_MS from the stop when left out. */
  deadline?: number;
}

export interface RunningServer {
  /** The GraphQL endpoint. */
  readonly url: string;
  readonly port: number;
  /**
   * Drains: `/ready` answers 503 at once, the listener closes after
   * `delayMs`, what is in flight finishes (cut at `deadline`), then Apollo
   * releases what it holds.
   */
  stop(options?: StopOptions): Promise<void>;
}

export const DEFAULT_DRAIN_MS = 10_000;

/**
 * Builds an Apollo Server served by fastify at `/graphql`, with the probes
 * beside it: `/live` (the process answers), `/ready` (it can serve; 503
 * from the moment a drain starts) and `/health` (the detail, 503 when not
 * ready). Nothing listens until `listen`, so tests can run operations
 * without a port.
 */
export async function buildGraphQLServer<Context extends BaseContext>(
  options: GraphQLServerOptions<Context>,
): Promise<GraphQLServer<Context>> {
  const timeouts = options.timeouts ?? DEFAULT_HTTP_TIMEOUTS;
  const logger = options.observability.logger.child({ service: options.service });
  const fastify = Fastify({
    ...fastifyLogging(logger),
    keepAliveTimeout: timeouts.keepAliveMs,
    requestTimeout: timeouts.requestMs,
    // Node checks those timeouts only this often (30 s by default).
    http: { headersTimeout: timeouts.headersMs, connectionsCheckingInterval: Math.min(1_000, timeouts.headersMs) },
  }) as unknown as FastifyInstance;
  const { metrics } = options.observability;
  logRequests(fastify, options.service, { onServed: (served, reply) => metrics.requestServed(options.service, served, reply.elapsedTime / 1000) });
  if (options.observability.metricsOnPublicPort) serveMetrics(fastify, options.observability);
  let draining = false;
  let deadline: number | undefined;
  const apollo = new ApolloServer<Context>({
    ...options.apollo,
    logger,
    // The process decides the order servers stop in (stopOnSignal), not each server on its own.
    stopOnTerminationSignals: false,
    plugins: [operationResolution<Context>(), ...(options.apollo.plugins ?? []), recordOperations<Context>(), drainUntil(fastify, () => deadline, () => logger.warn("The drain deadline passed: cutting the connections still open."))],
  } as ApolloServerOptions<Context>);
  await apollo.start();

  const readiness = async (): Promise<Readiness> =>
    draining ? { ready: false, reason: "draining" } : options.readiness();
  fastify.get("/live", async () => ({ live: true }));
  fastify.get("/ready", async (_request, reply) => {
    const state = await readiness();
    return reply.code(state.ready ? 200 : 503).send(state);
  });
  fastify.get("/health", async (_request, reply) => {
    const state = await readiness();
    return reply.code(state.ready ? 200 : 503).send({ ...state, ...(await options.health(state)) });
  });
  options.routes?.(fastify, apollo);
  await fastify.register(fastifyApollo(apollo), {
    path: "/graphql",
    context: options.context,
  });

  const stop = async ({ delayMs = 0, deadline: until }: StopOptions = {}) => {
    draining = true;
    deadline = until ?? Date.now() + delayMs + DEFAULT_DRAIN_MS;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    await apollo.stop();
  };
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

/**
 * Apollo's first step in stopping: close the listener and let what is in
 * flight finish, cutting whatever is still open at the deadline. Apollo
 * then releases what it holds (the gateway's subgraph clients).
 */
function drainUntil<Context extends BaseContext>(
  fastify: FastifyInstance,
  deadline: () => number | undefined,
  onCut: () => void,
): ApolloServerPlugin<Context> {
  return {
    async serverWillStart() {
      return {
        async drainServer() {
          const remaining = Math.max(0, (deadline() ?? Date.now() + DEFAULT_DRAIN_MS) - Date.now());
          const cut = setTimeout(() => {
            onCut();
            fastify.server.closeAllConnections();
          }, remaining);
          try {
            await fastify.close();
          } finally {
            clearTimeout(cut);
          }
        },
      };
    },
  };
}

function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "localhost";
  return host.includes(":") ? `[${host}]` : host;
}
