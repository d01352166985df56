import { randomBytes } from "node:crypto";
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GatewayGraphQLResponse } from "@apollo/server-gateway-interface";
import { context, propagation, SpanKind, SpanStatusCode } from "@opentelemetry/api";
import type { Observability } from "./observability.ts";
import { REQUEST_ID_HEADER } from "./request-logging.ts";
import { currentRequest } from "./request-scope.ts";
import { liaisonTracer } from "./tracing.ts";

const UNAVAILABLE_BECAUSE = Symbol("why the subgraph did not answer");

/**
 * Marks a fetch's answer with why the subgraph did not answer (unreachable,
 * timed out, 5xx), which the caller is not told but the log is. A symbol
 * key: nothing serialises it, so it never reaches the caller.
 */
export function unavailableBecause(response: GatewayGraphQLResponse, cause: unknown): GatewayGraphQLResponse {
  const code = (cause as { code?: unknown } | undefined)?.code;
  const reason = cause instanceof Error ? `${cause.message}${typeof code === "string" ? ` (${code})` : ""}` : String(cause);
  return Object.assign(response, { [UNAVAILABLE_BECAUSE]: reason });
}

/**
 * Wraps the data source of one subgraph so each fetch is a span of the
 * gateway request's trace, carries the request's id and a W3C
 * `traceparent` (made here when tracing is off, so the subgraphs' log lines
 * still name the trace), and is logged and measured with its duration and
 * error codes.
 */
export function observeFetches<Context extends Record<string, any>>(
  subgraph: string,
  dataSource: GraphQLDataSource<Context>,
  { logger, metrics }: Observability,
): GraphQLDataSource<Context> {
  async function observedFetch(options: GraphQLDataSourceProcessOptions<Context>): Promise<GatewayGraphQLResponse> {
    const served = currentRequest();
    const carrier: { traceparent?: string } = {};
    propagation.inject(context.active(), carrier);
    const traceparent = carrier.traceparent ?? `00-${served?.traceId ?? randomBytes(16).toString("hex")}-${randomBytes(8).toString("hex")}-00`;
    const { headers } = (options.request.http ??= { method: "POST", url: "", headers: new Headers() });
    headers.set("traceparent", traceparent);
    if (served) headers.set(REQUEST_ID_HEADER, served.id);
    const started = performance.now();
    const response = await dataSource.process(options);
    const seconds = (performance.now() - started) / 1000;
    const errorCodes = (response.errors ?? []).map((error) => String(error.extensions?.code ?? "INTERNAL_SERVER_ERROR"));
    metrics.subgraphFetched(subgraph, errorCodes, seconds);
    const unavailable = (response as { [UNAVAILABLE_BECAUSE]?: string })[UNAVAILABLE_BECAUSE];
    // Without a stack: the fault is the subgraph's, not in this code.
    if (unavailable) (served?.log ?? logger).error({ subgraph, reason: unavailable }, `The ${subgraph} subgraph is unavailable: ${unavailable}`);
    // Routine fetches are detail (a dashboard request makes four): their
    // lines cost the gateway a tenth of its time under load. One that
    // brought errors is worth an operator's eye.
    const log = served?.log ?? logger;
    const line = { subgraph, durationMs: Math.round(seconds * 10_000) / 10, traceparent, ...(errorCodes.length > 0 && { errorCodes }) };
    if (errorCodes.length > 0) log.info(line, "subgraph fetch");
    else log.debug(line, "subgraph fetch");
    return response;
  }

  return {
    process(options) {
      const attributes = { "liaison.subgraph": subgraph };
      return liaisonTracer().startActiveSpan(`fetch ${subgraph}`, { kind: SpanKind.CLIENT, attributes }, async (span) => {
        try {
          const response = await observedFetch(options);
          if (response.errors?.length) span.setStatus({ code: SpanStatusCode.ERROR });
          return response;
        } finally {
          span.end();
        }
      });
    },
  };
}
