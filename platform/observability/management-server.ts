import Fastify, { type FastifyInstance } from "fastify";
import type { Observability } from "./observability.ts";
import { fastifyLogging } from "./request-logging.ts";

export interface ManagementServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** Serves `GET /metrics` on MANAGEMENT_PORT, apart from the public port, when one is set. */
export async function serveManagementPort(
  observability: Observability,
  { host, managementPort }: { host: string; managementPort: number | undefined },
): Promise<ManagementServer | undefined> {
  if (managementPort === undefined) return undefined;
  const server = await startManagementServer(observability, host, managementPort);
  observability.logger.info(`Metrics are served at ${server.url}`);
  return server;
}

export async function startManagementServer(observability: Observability, host: string, port: number): Promise<ManagementServer> {
  const app = Fastify(fastifyLogging(observability.logger.child({ service: "management" }))) as unknown as FastifyInstance;
  serveMetrics(app, observability);
  await app.listen({ host, port });
  const address = app.server.address();
  const boundPort = typeof address === "object" && address ? address.port : port;
  return { url: `http://${host.includes(":") ? `[${host}]` : host}:${boundPort}/metrics`, stop: () => app.close() };
}

export function serveMetrics(app: FastifyInstance, { metrics }: Observability): void {
  app.get("/metrics", async (_request, reply) => {
    const { contentType, body } = await metrics.exposition();
    return reply.header("content-type", contentType).send(body);
  });
}
