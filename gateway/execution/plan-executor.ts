import { operationFromDocument, Supergraph } from "@apollo/federation-internals";
import type { ApolloGateway, GraphQLDataSource } from "@apollo/gateway";
import { QueryPlanner, type QueryPlan } from "@apollo/query-planner";
import type {
  GatewayExecutionResult,
  GatewayExecutor,
  GatewayGraphQLRequestContext,
  GatewayInterface,
} from "@apollo/server-gateway-interface";
import { SpanStatusCode, trace, type Span } from "@opentelemetry/api";
import { getVariableValues, GraphQLError, Kind, type FragmentDefinitionNode, type GraphQLSchema } from "graphql";
import { LRUCache } from "lru-cache";
import { isRunnable, runPlan } from "./plan-runner.ts";
import { compileResultShape, shapeResult, UnsupportedSelection, type ResultShape } from "./result-shape.ts";

const tracer = trace.getTracer("liaison-gateway");

/** Operations prepared at once; beyond it the least recently used is planned again when next asked. */
const PREPARED_OPERATIONS = 2_000;

/** The header with which Apollo Gateway shows a request its query plan (outside production). */
const QUERY_PLAN_HEADER = "apollo-query-plan-experimental";

export interface PlanExecutorOptions {
  supergraphSdl: string;
  /** The API schema Apollo Server validates operations against. */
  schema: GraphQLSchema;
  /** Each subgraph's data source, by name, as Apollo Gateway built them. */
  dataSources: ReadonlyMap<string, GraphQLDataSource>;
  /** Apollo Gateway's own executor, for what this one leaves to it. */
  fallback: GatewayExecutor;
}

/** An operation planned once and compiled for shaping. */
interface PreparedOperation {
  plan: QueryPlan;
  shape: ResultShape;
}

/**
 * Executes operations from Apollo's query plans, planned once per document,
 * and shapes the response straight from a compiled form of the operation.
 * Apollo Gateway's executor builds the operation's federation model again
 * on every request and shapes through it, which made it a third of the
 * gateway's CPU on list-heavy operations. Operations this one does not
 * handle (introspection, `@defer`, data rewrites, a request for its query
 * plan) go to Apollo Gateway's executor unchanged.
 */
export function planExecutor(options: PlanExecutorOptions): GatewayExecutor {
  const supergraph = Supergraph.build(options.supergraphSdl);
  const apiSchema = supergraph.apiSchema();
  const planner = new QueryPlanner(supergraph);
  const prepared = new LRUCache<string, PreparedOperation | "fallback">({ max: PREPARED_OPERATIONS });

  const prepare = (requestContext: GatewayGraphQLRequestContext): PreparedOperation | "fallback" =>
    tracer.startActiveSpan("gateway.plan", operationAttributes(requestContext), (span) => {
      try {
        return prepareOperation(requestContext);
      } catch (error) {
        // Apollo Gateway answers for it as it always did, with its own errors.
        if (!(error instanceof UnsupportedSelection)) requestContext.logger.warn(`Left to Apollo Gateway: ${String(error)}`);
        return "fallback";
      } finally {
        span.end();
      }
    });

  const prepareOperation = ({ document, operation, operationName }: GatewayGraphQLRequestContext): PreparedOperation | "fallback" => {
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    }
    const shape = compileResultShape(options.schema, operation, fragments);
    const plan = planner.buildQueryPlan(operationFromDocument(apiSchema, document, { operationName: operationName ?? undefined }));
    return isRunnable(plan, options.schema) ? { plan, shape } : "fallback";
  };

  return async (requestContext) => {
    if (requestContext.request.http?.headers.get(QUERY_PLAN_HEADER)) return options.fallback(requestContext);
    const key = `${requestContext.queryHash}:${requestContext.operationName ?? ""}`;
    const known = prepared.get(key);
    if (known === "fallback") return options.fallback(requestContext);
    return tracer.startActiveSpan("gateway.request", operationAttributes(requestContext), async (span) => {
      try {
        const operation = known ?? prepare(requestContext);
        if (!known) prepared.set(key, operation);
        if (operation === "fallback") return await options.fallback(requestContext);
        const invalid = invalidVariables(options.schema, requestContext);
        if (invalid.length) return failed(span, { errors: invalid });
        const result = await tracer.startActiveSpan("gateway.execute", (executeSpan) =>
          execute(operation, options.dataSources, requestContext).finally(() => executeSpan.end()),
        );
        return result.errors ? failed(span, result) : result;
      } finally {
        span.end();
      }
    });
  };
}

/**
 * Apollo Gateway as Apollo Server sees it, loading the supergraph and
 * building the data sources as ever, with its operations executed by
 * `planExecutor`.
 */
export function executingPlans(
  gateway: ApolloGateway,
  supergraphSdl: string,
  dataSources: ReadonlyMap<string, GraphQLDataSource>,
): GatewayInterface {
  return {
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
    async load(options) {
      const loaded = await gateway.load(options);
      if (!loaded.executor || !gateway.schema) return loaded;
      const executor = planExecutor({ supergraphSdl, schema: gateway.schema, dataSources, fallback: loaded.executor });
      return { ...loaded, executor };
    },
  };
}

async function execute(
  { plan, shape }: PreparedOperation,
  dataSources: ReadonlyMap<string, GraphQLDataSource>,
  requestContext: GatewayGraphQLRequestContext,
): Promise<GatewayExecutionResult> {
  const run = await runPlan(plan, dataSources, requestContext);
  return tracer.startActiveSpan("gateway.postprocessing", (span) => {
    try {
      const { data, errors: shapingErrors } = shapeResult(shape, run.data, requestContext.request.variables);
      // As Apollo Gateway does: a value that did not fit the schema is an error
      // of its own only when the subgraphs reported none.
      if (run.errors.length === 0 && shapingErrors.length > 0) return { data, extensions: { valueCompletion: shapingErrors } };
      return run.errors.length === 0 ? { data } : { data, errors: run.errors as GraphQLError[] };
    } catch (error) {
      // A subgraph answered data the plan cannot hold (a list where an object belongs, say).
      span.setStatus({ code: SpanStatusCode.ERROR });
      const message = error instanceof Error ? error.message : "Unexpected error during query plan execution";
      return { errors: [new GraphQLError(message, { originalError: error instanceof Error ? error : undefined })] };
    } finally {
      span.end();
    }
  });
}

/** The request's variables checked against the operation's definitions, as Apollo Gateway does before it plans. */
function invalidVariables(schema: GraphQLSchema, { operation, request }: GatewayGraphQLRequestContext): readonly GraphQLError[] {
  if (!operation.variableDefinitions?.length) return [];
  return tracer.startActiveSpan("gateway.validate", (span) => {
    try {
      const { errors } = getVariableValues(schema, operation.variableDefinitions!, request.variables ?? {});
      if (errors) span.setStatus({ code: SpanStatusCode.ERROR });
      return errors ?? [];
    } finally {
      span.end();
    }
  });
}

function failed(span: Span, result: GatewayExecutionResult): GatewayExecutionResult {
  span.setStatus({ code: SpanStatusCode.ERROR });
  return result;
}

function operationAttributes({ operationName, operation }: GatewayGraphQLRequestContext) {
  return {
    attributes: {
      "graphql.operation.type": operation.operation,
      ...(operationName && { "graphql.operation.name": operationName }),
    },
  };
}
