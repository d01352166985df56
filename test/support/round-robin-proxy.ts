import { once } from "node:events";
import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from "node:http";

/**
 * An HTTP proxy that sends each request to the next of several backends in
 * turn, as a Kubernetes Service spreads requests over a Deployment's pods.
 * A backend that refuses the connection (a killed process) is skipped for
 * that request, as a Service drops a pod that is gone; nothing was sent to
 * it, so sending the request on to the next is safe.
 */
export interface RoundRobinProxy {
  /** The proxy's origin, e.g. `http://127.0.0.1:40123`. */
  readonly origin: string;
  /** How many requests each backend (by origin) has answered through the proxy. */
  answeredBy(backend: string): number;
  close(): Promise<void>;
}

export async function startRoundRobinProxy(backends: readonly string[]): Promise<RoundRobinProxy> {
  if (backends.length === 0) throw new Error("A proxy needs a backend.");
  const agent = new Agent({ keepAlive: true });
  const answered = new Map(backends.map((backend) => [backend, 0]));
  let next = 0;

  const server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const first = next++ % backends.length;
    for (let attempt = 0; attempt < backends.length; attempt++) {
      const backend = backends[(first + attempt) % backends.length]!;
      try {
        const upstream = await forward(agent, backend, incoming, body);
        answered.set(backend, answered.get(backend)! + 1);
        relay(upstream, outgoing);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ECONNREFUSED") return fail(outgoing, error);
      }
    }
    fail(outgoing, new Error("every backend refused the connection"));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("The proxy has no port.");

  return {
    origin: `http://127.0.0.1:${address.port}`,
    answeredBy: (backend) => answered.get(backend) ?? 0,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
      agent.destroy();
    },
  };
}

function forward(agent: Agent, backend: string, incoming: IncomingMessage, body: Buffer): Promise<IncomingMessage> {
  const target = new URL(incoming.url ?? "/", backend);
  return new Promise((resolve, reject) => {
    const upstream = request(target, { agent, method: incoming.method, headers: { ...incoming.headers, host: target.host } }, resolve);
    upstream.on("error", reject);
    upstream.end(body);
  });
}

function relay(upstream: IncomingMessage, outgoing: ServerResponse): void {
  outgoing.writeHead(upstream.statusCode ?? 502, upstream.headers);
  upstream.pipe(outgoing);
}

function fail(outgoing: ServerResponse, error: unknown): void {
  if (outgoing.headersSent) return void outgoing.destroy();
  outgoing.writeHead(502, { "content-type": "text/plain" }).end(`Bad gateway: ${(error as Error).message}`);
}
