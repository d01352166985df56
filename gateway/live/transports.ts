import type { FastifyInstance } from "fastify";
import { decodeJwt } from "jose";
import { GraphQLError, parse, type DocumentNode, type ExecutionArgs, type GraphQLFormattedError, type ParseOptions } from "graphql";
import { createHandler } from "graphql-sse/lib/use/fastify";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import { hasRole, type Identity } from "../../platform/auth/identity.ts";
import { bearerToken, type CallerAuthenticator } from "../../platform/auth/internal-token.ts";
import { ErrorCode } from "../../platform/graphql/error-codes.ts";
import type { LiveContext, LiveSubscriptions } from "./live-subscriptions.ts";

export interface LiveTransportOptions {
  live: LiveSubscriptions;
  authenticate: CallerAuthenticator;
  /** Subscriptions one WebSocket connection may hold at once. */
  maxSubscriptionsPerConnection: number;
  /** How often the server pings an idle WebSocket. */
  keepAliveMs: number;
  /** Formats an error for a client, as the gateway formats every error. */
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  /** Whether a page on another origin may open a WebSocket here. */
  allowsOrigin(origin: string): boolean;
  /** The limits HTTP operations are parsed under (tokens). */
  parseOptions: ParseOptions;
  /** Whether an operation's text may run here (the persisted operations' safelist). */
  admits(source: string): boolean;
}

/** The largest WebSocket message the gateway reads: ample for any operation the token limit admits. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

/** Where Server-Sent Events subscriptions are served; WebSocket ones share `/graphql`. */
export const SSE_PATH = "/graphql/stream";

interface Connection {
  identity?: Identity;
  subscriptions: number;
}

/**
 * Serves subscriptions over WebSocket (graphql-ws) on `/graphql` and over
 * Server-Sent Events (graphql-sse) on `/graphql/stream`. Callers sign in as
 * for HTTP: a bearer token in `connectionParams.authorization` (or the
 * upgrade request's Authorization header) for WebSocket, in the Authorization
 * header for SSE. Closing ends every subscription cleanly (a `complete`
 * message, then WebSocket close code 1001) before the HTTP server closes.
 */
export function serveLiveTransports(app: FastifyInstance, options: LiveTransportOptions): void {
  const stopping = new AbortController();
  const formatErrors = (errors: readonly GraphQLError[]) =>
    errors.map((error) => options.formatError(error.toJSON(), error));

  /** The execution arguments of a subscription a caller may start, or its errors. */
  const prepare = (
    request: { query?: unknown; variables?: unknown; operationName?: unknown },
    identity: Identity,
    signal: AbortSignal,
  ): ExecutionArgs | readonly GraphQLError[] => {
    const source = String(request.query ?? "");
    if (!options.admits(source)) {
      return [
        new GraphQLError("Only the operations in the gateway's persisted operation manifests run here.", {
          extensions: { code: ErrorCode.PERSISTED_QUERY_NOT_IN_LIST },
        }),
      ];
    }
    let document: DocumentNode;
    try {
      document = parse(source, options.parseOptions);
    } catch (error) {
      return [error instanceof GraphQLError ? withCode(error, ErrorCode.GRAPHQL_PARSE_FAILED) : new GraphQLError(String(error))];
    }
    const operations = document.definitions.filter((definition) => definition.kind === "OperationDefinition");
    if (operations.some((operation) => operation.operation !== "subscription")) {
      return [
        new GraphQLError("Only subscriptions are served here; send queries and mutations over HTTP to /graphql.", {
          extensions: { code: ErrorCode.BAD_REQUEST },
        }),
      ];
    }
    const errors = options.live.check(document, {
      operationName: typeof request.operationName === "string" ? request.operationName : undefined,
      variables: isRecord(request.variables) ? request.variables : undefined,
    });
    if (errors.length) return errors.map((error) => withCode(error, ErrorCode.GRAPHQL_VALIDATION_FAILED));
    return {
      schema: options.live.schema,
      document,
      variableValues: (request.variables ?? undefined) as ExecutionArgs["variableValues"],
      operationName: typeof request.operationName === "string" ? request.operationName : undefined,
      contextValue: { identity, signal } satisfies LiveContext,
    };
  };

  const signIn = async (authorization: unknown): Promise<Identity> => {
    const identity = await options.authenticate(typeof authorization === "string" ? authorization : undefined);
    if (!hasRole(identity, "reader")) {
      throw new GraphQLError("This caller has no role in Liaison.", { extensions: { code: ErrorCode.FORBIDDEN } });
    }
    return identity;
  };

  // WebSocket, on /graphql.
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  app.server.on("upgrade", (request, socket, head) => {
    if (new URL(request.url ?? "/", "http://gateway").pathname !== "/graphql" || stopping.signal.aborted) {
      socket.destroy();
      return;
    }
    // Browsers do not apply CORS to WebSockets, so the gateway does: a page
    // may connect from the gateway's own origin or an allowed one.
    const origin = request.headers.origin;
    if (origin !== undefined && !sameOrigin(origin, request.headers.host) && !options.allowsOrigin(origin)) {
      socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    sockets.handleUpgrade(request, socket, head, (client) => sockets.emit("connection", client, request));
  });
  const connections = new WeakMap<object, Connection>();
  useServer(
    {
      onConnect: async (context) => {
        const authorization = context.connectionParams?.authorization ?? context.extra.request.headers.authorization;
        try {
          connections.set(context.extra.socket, { identity: await signIn(authorization), subscriptions: 0 });
          // The caller's right to subscribe lasts as long as its token: the connection closes as it expires.
          const expiresInMs = msUntilExpiry(authorization);
          if (expiresInMs !== undefined) {
            const expiry = setTimeout(() => context.extra.socket.close(4401, "The token has expired."), expiresInMs);
            context.extra.socket.once("close", () => clearTimeout(expiry));
          }
          return true;
        } catch (error) {
          const code = error instanceof GraphQLError ? error.extensions.code : undefined;
          context.extra.socket.close(code === ErrorCode.FORBIDDEN ? 4403 : 4401, error instanceof Error ? error.message : "Unauthorized");
          return false;
        }
      },
      onSubscribe: (context, _id, payload) => {
        const connection = connections.get(context.extra.socket)!;
        if (connection.subscriptions >= options.maxSubscriptionsPerConnection) {
          return [
            new GraphQLError(`A connection may hold ${options.maxSubscriptionsPerConnection} subscriptions at once.`, {
              extensions: { code: ErrorCode.SUBSCRIPTION_LIMIT_REACHED },
            }),
          ];
        }
        const prepared = prepare(payload, connection.identity!, stopping.signal);
        if (!Array.isArray(prepared)) connection.subscriptions++;
        return prepared;
      },
      subscribe: (args) => options.live.subscribe(args),
      onComplete: (context) => {
        const connection = connections.get(context.extra.socket);
        if (connection) connection.subscriptions--;
      },
      onError: (_context, _id, _payload, errors) => formatErrors(errors),
      onNext: (_context, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: formatErrors(result.errors) } : undefined,
    },
    sockets,
    options.keepAliveMs,
  );

  // Server-Sent Events, on /graphql/stream (each request one subscription).
  const sse = createHandler<LiveContext>({
    authenticate: () => null,
    onSubscribe: async (request, params) => {
      let identity: Identity;
      try {
        identity = await signIn(request.headers.get("authorization"));
      } catch (error) {
        const status = error instanceof GraphQLError && error.extensions.code === ErrorCode.FORBIDDEN ? 403 : 401;
        const body = JSON.stringify({ errors: formatErrors([asGraphQLError(error)]) });
        return [body, { status, statusText: status === 403 ? "Forbidden" : "Unauthorized", headers: { "content-type": "application/json" } }];
      }
      // A stream lasts as long as the caller's token: it ends as the token expires.
      const expiresInMs = msUntilExpiry(request.headers.get("authorization"));
      const until = expiresInMs === undefined ? stopping.signal : AbortSignal.any([stopping.signal, AbortSignal.timeout(expiresInMs)]);
      const prepared = prepare(params, identity, until);
      if (Array.isArray(prepared)) {
        const body = JSON.stringify({ errors: formatErrors(prepared) });
        return [body, { status: 400, statusText: "Bad Request", headers: { "content-type": "application/json" } }];
      }
      return prepared as ExecutionArgs & { contextValue: LiveContext };
    },
    subscribe: (args) => options.live.subscribe(args),
    onNext: (_context, _request, result) =>
      result.errors ? { ...result, errors: formatErrors(result.errors as readonly GraphQLError[]) as never } : undefined,
  });
  app.route({ method: ["GET", "POST"], url: SSE_PATH, handler: (request, reply) => sse(request, reply) });

  app.addHook("preClose", async () => {
    stopping.abort();
    for (const client of sockets.clients) client.close(1001, "The gateway is stopping");
    await new Promise<void>((resolve) => sockets.close(() => resolve()));
  });
}

/** The longest a timer waits (Node's limit, about 24 days); tokens living longer are refused at sign-in anyway. */
const LONGEST_WAIT_MS = 2 ** 31 - 1;

/** Milliseconds until the bearer token in `authorization`, already verified, expires; undefined for a caller without one. */
function msUntilExpiry(authorization: unknown): number | undefined {
  const token = typeof authorization === "string" ? bearerToken(authorization) : undefined;
  const expiresAt = token ? decodeJwt(token).exp : undefined;
  return expiresAt === undefined ? undefined : Math.min(LONGEST_WAIT_MS, Math.max(0, expiresAt * 1000 - Date.now()));
}

function sameOrigin(origin: string, host: string | undefined): boolean {
  return URL.canParse(origin) && host !== undefined && new URL(origin).host === host;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  if (error.extensions.code) return error;
  return new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, code } });
}

function asGraphQLError(error: unknown): GraphQLError {
  return error instanceof GraphQLError ? error : new GraphQLError(error instanceof Error ? error.message : String(error));
}
