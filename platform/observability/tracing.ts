import { context, propagation, trace, type Tracer } from "@opentelemetry/api";
import type { SpanExporter } from "@opentelemetry/sdk-trace-base";

/**
 * The tracer Liaison's own spans (requests served, subgraph fetches) come
 * from: the registered provider's while tracing runs, the API's no-op
 * otherwise. Asked for at each use: a tracer kept from an earlier
 * registration would go on making spans after that tracing has stopped.
 */
export function liaisonTracer(): Tracer {
  return trace.getTracer("liaison");
}

export interface Tracing {
  /** Exports what is pending, then stops tracing. */
  stop(): Promise<void>;
}

/**
 * Registers a tracer provider for the process, so the spans of its servers,
 * of Apollo Gateway (request, plan, fetches) and of Prisma (each SQL
 * statement) are recorded and joined across processes by W3C
 * `traceparent`. They go to `exporter`, or over OTLP/HTTP where the
 * OTEL_EXPORTER_OTLP_* variables say. The SDK is loaded only here: without
 * tracing, the spans are the OpenTelemetry API's no-ops.
 */
export async function startTracingIf(requested: boolean, serviceName: string): Promise<Tracing | undefined> {
  return requested ? startTracing({ serviceName }) : undefined;
}

export async function startTracing({ serviceName, exporter }: { serviceName: string; exporter?: SpanExporter }): Promise<Tracing> {
  const [sdk, { AsyncLocalStorageContextManager }, { W3CTraceContextPropagator }, { Resource }, { PrismaInstrumentation }] =
    await Promise.all([
      import("@opentelemetry/sdk-trace-base"),
      import("@opentelemetry/context-async-hooks"),
      import("@opentelemetry/core"),
      import("@opentelemetry/resources"),
      import("@prisma/instrumentation"),
    ]);
  const spanProcessor = exporter
    ? new sdk.SimpleSpanProcessor(exporter)
    : new sdk.BatchSpanProcessor(new (await import("@opentelemetry/exporter-trace-otlp-http")).OTLPTraceExporter());
  const provider = new sdk.BasicTracerProvider({
    resource: new Resource({ "service.name": process.env.OTEL_SERVICE_NAME || serviceName }),
    spanProcessors: [spanProcessor],
  });
  provider.register({
    contextManager: new AsyncLocalStorageContextManager().enable(),
    propagator: new W3CTraceContextPropagator(),
  });
  const prisma = new PrismaInstrumentation({ enabled: false });
  prisma.setTracerProvider(provider);
  prisma.enable();
  return {
    async stop() {
      prisma.disable();
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
