import { createClient as createSseClient } from "graphql-sse";
import { createClient as createWsClient, type Client as WsClient } from "graphql-ws";
import WebSocket from "ws";

export interface LiveResult {
  data?: Record<string, any> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface LiveSubscription {
  /** The next result, or the error that ended the subscription; rejects after `timeoutMs`. */
  next(timeoutMs?: number): Promise<LiveResult>;
  /** Whether a result arrives within `ms` (for what must not be delivered). */
  nothingWithin(ms: number): Promise<boolean>;
  /** Resolves once the server has ended the subscription. */
  ended(): Promise<void>;
  close(): Promise<void>;
}

export interface LiveRequest {
  query: string;
  variables?: Record<string, unknown>;
}

export type Transport = "websocket" | "sse";

/** Subscribes as a client would, over WebSocket (graphql-ws) or Server-Sent Events (graphql-sse). */
export function subscribe(transport: Transport, gatewayUrl: string, request: LiveRequest, token?: string): LiveSubscription {
  return transport === "websocket" ? overWebSocket(gatewayUrl, request, token) : overSse(gatewayUrl, request, token);
}

export interface WebSocketConnection {
  client: WsClient;
  /** The close event's code and reason, once the socket closes. */
  closed: Promise<{ code: number; reason: string }>;
}

/** A graphql-ws connection that does not retry, so a refusal or a close is seen as it is. */
export function connectWebSocket(gatewayUrl: string, token?: string): WebSocketConnection {
  let closed!: (event: { code: number; reason: string }) => void;
  const closedPromise = new Promise<{ code: number; reason: string }>((resolve) => (closed = resolve));
  const client = createWsClient({
    url: gatewayUrl.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    // Closes are observed through `closed`; the client would print them too.
    onNonLazyError: () => undefined,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    on: { closed: (event) => closed(event as { code: number; reason: string }) },
  });
  return { client, closed: closedPromise };
}

function overWebSocket(gatewayUrl: string, request: LiveRequest, token?: string): LiveSubscription {
  const { client } = connectWebSocket(gatewayUrl, token);
  return queue(client.iterate(request) as AsyncIterableIterator<LiveResult>, () => client.dispose());
}

function overSse(gatewayUrl: string, request: LiveRequest, token?: string): LiveSubscription {
  const client = createSseClient({
    url: new URL("/graphql/stream", gatewayUrl).toString(),
    singleConnection: false,
    retryAttempts: 0,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return queue(client.iterate(request) as AsyncIterableIterator<LiveResult>, () => client.dispose());
}

function queue(results: AsyncIterableIterator<LiveResult>, dispose: () => unknown): LiveSubscription {
  const received: (LiveResult | Error)[] = [];
  let wake: (() => void) | undefined;
  let finished = false;
  let finish!: () => void;
  const ended = new Promise<void>((resolve) => (finish = resolve));
  void (async () => {
    try {
      for await (const result of results) {
        received.push(result);
        wake?.();
      }
    } catch (error) {
      received.push(await asError(error));
      wake?.();
    } finally {
      finished = true;
      finish();
      wake?.();
    }
  })();
  const waitForOne = (timeoutMs: number) =>
    new Promise<boolean>((resolve) => {
      if (received.length || finished) return resolve(received.length > 0);
      const timer = setTimeout(() => resolve(false), timeoutMs);
      wake = () => {
        clearTimeout(timer);
        resolve(received.length > 0);
      };
    });
  return {
    async next(timeoutMs = 10_000) {
      if (!(await waitForOne(timeoutMs))) throw new Error(finished ? "The subscription ended." : `No result within ${timeoutMs} ms.`);
      const next = received.shift()!;
      if (next instanceof Error) throw next;
      return next;
    },
    async nothingWithin(ms) {
      return !(await waitForOne(ms));
    },
    ended: () => ended,
    async close() {
      await results.return?.();
      await dispose();
    },
  };
}

/** What a client library threw, with the server's GraphQL errors kept as `errors`: graphql-ws throws them, graphql-sse the refusing response. */
export class LiveError extends Error {
  readonly errors: LiveResult["errors"];

  constructor(message: string, errors?: LiveResult["errors"]) {
    super(message);
    this.errors = errors;
  }
}

async function asError(thrown: unknown): Promise<Error> {
  const refusal = (thrown as { response?: Response } | null)?.response;
  if (thrown instanceof Error && refusal instanceof Response) {
    const body = (await refusal.json().catch(() => ({}))) as { errors?: LiveResult["errors"] };
    return new LiveError(`${refusal.status}: ${thrown.message}`, body.errors);
  }
  if (thrown instanceof Error) return thrown;
  const closed = thrown as { code?: unknown; reason?: unknown } | null;
  if (typeof closed?.code === "number" && typeof closed.reason === "string") return new LiveError(`closed ${closed.code}: ${closed.reason}`);
  if (Array.isArray(thrown)) return new LiveError(thrown.map((error) => error.message).join("; "), thrown);
  return new LiveError(JSON.stringify(thrown));
}
