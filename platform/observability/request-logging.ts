import { AsyncResource } from "node:async_hooks";
import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span } from "@opentelemetry/api";
import { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { getOperationAST } from "graphql";
import type { Logger } from "./logger.ts";
import { runInRequest, currentRequest, type ServedRequest } from "./request-scope.ts";
import { liaisonTracer } from "./tracing.ts";

export const REQUEST_ID_HEADER = "x-request-id";

/** A caller's request id is kept when it is short and plain; anything else is replaced. */
const ACCEPTABLE_REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

/** Routes probes and scrapers call every few seconds: logged at debug, not info. */
const ROUTINE_PATHS = new Set(["/health", "/live", "/ready", "/metrics"]);

/** Fastify's options that make it log through `logger`, with Liaison's request ids and no lines of its own per request. */
export function fastifyLogging(logger: Logger) {
  return {
    loggerInstance: logger,
    genReqId: requestIdOf,
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: "requestId" }),
  };
}

/** The caller's `x-request-id` when acceptable, else a new one. */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === "string" && ACCEPTABLE_REQUEST_ID.test(given) ? given : randomUUID();
}

/** The trace id of a W3C `traceparent` header, when it is well formed. */
export function traceIdOf(traceparent: string | string[] | undefined): string | undefined {
  const match = typeof traceparent === "string" ? /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(traceparent) : null;
  return match && !/^0+$/.test(match[1]!) ? match[1] : undefined;
}

export function newTraceId(): string {
  return randomBytes(16).toString("hex");
}

export interface RequestLoggingOptions {
  /** Called once each response is sent, with what was learnt serving it. */
  onServed?: (request: ServedRequest, reply: FastifyReply) => void;
}

const pending = new WeakMap<FastifyRequest, { served: ServedRequest; span: Span; resumeIn: AsyncResource }>();

/**
 * Echoes the request id, makes the request current (`currentRequest()`)
 * for everything its handling awaits, within a server span continuing the
 * caller's trace (a no-op without tracing), and logs one line when it is
 * answered.
 */
export function logRequests(app: FastifyInstance, service: string, options: RequestLoggingOptions = {}): void {
  app.addHook("onRequest", (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    const path = request.url.split("?", 1)[0]!;
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const span = liaisonTracer().startSpan(
      `${service} ${request.method} ${path}`,
      { kind: SpanKind.SERVER, attributes: { "liaison.service": service, "http.request.method": request.method, "url.path": path } },
      parent,
    );
    const traced = span.spanContext();
    const served: ServedRequest = {
      id: request.id,
      log: request.log as Logger,
      traceId: trace.isSpanContextValid(traced) ? traced.traceId : (traceIdOf(request.headers.traceparent) ?? newTraceId()),
    };
    context.with(trace.setSpan(parent, span), () =>
      runInRequest(served, () => {
        pending.set(request, { served, span, resumeIn: new AsyncResource("liaison-request") });
        done();
      }),
    );
  });
  // Reading the body runs outside the request's async context; the handler runs back inside it.
  app.addHook("preValidation", (request, _reply, done) => {
    const entry = pending.get(request);
    if (entry) entry.resumeIn.runInAsyncScope(done);
    else done();
  });
  app.addHook("onResponse", async (request, reply) => {
    const entry = pending.get(request);
    if (!entry) return;
    const { served, span } = entry;
    const path = request.url.split("?", 1)[0]!;
    const { operation } = served;
    span.setAttribute("http.response.status_code", reply.statusCode);
    if (operation?.name) span.setAttribute("graphql.operation.name", operation.name);
    if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
    const line = {
      method: request.method,
      path,
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      traceId: served.traceId,
      ...(operation && {
        operation: operation.name,
        ...(operation.errorCodes.length > 0 && { errorCodes: operation.errorCodes }),
        ...(operation.refused && { refused: true }),
        subject: operation.subject,
      }),
    };
    if (ROUTINE_PATHS.has(path)) request.log.debug(line, "request");
    else request.log.info(line, "request");
    options.onServed?.(served, reply);
  });
}

/** Records on the current request an operation refused before Apollo Server saw it, for its log line and metrics. */
export function recordRefusedOperation(name: string | null, code: string): void {
  const served = currentRequest();
  if (served) served.operation = { name, errorCodes: [code], refused: true, subject: null };
}

/** Records the operation, its error codes and its caller on the current request, for its log line and metrics. */
export function recordOperations<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async contextCreationDidFail({ error }) {
      recordRefusedOperation(null, codeOf(error));
    },
    async requestDidStart() {
      const served = currentRequest();
      if (!served) return;
      return {
        async willSendResponse({ operationName, request, document, response, contextValue }) {
          const result = response.body.kind === "single" ? response.body.singleResult : response.body.initialResult;
          served.operation = {
            name: operationName ?? (document && getOperationAST(document, request.operationName)?.name?.value) ?? null,
            errorCodes: (result.errors ?? []).map(codeOf),
            refused: result.data === undefined,
            subject: (contextValue as { identity?: { subject?: string | null } }).identity?.subject ?? null,
          };
        },
      };
    },
  };
}

function codeOf(error: unknown): string {
  const code = (error as { extensions?: { code?: unknown } } | undefined)?.extensions?.code;
  return typeof code === "string" ? code : "INTERNAL_SERVER_ERROR";
}
