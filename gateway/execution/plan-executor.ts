import { operationFromDocument, type Schema } from "@apollo/federation-internals";
import type { GraphQLDataSource } from "@apollo/gateway";
import { prettyFormatQueryPlan, type QueryPlan, type QueryPlanner } from "@apollo/query-planner";
import type { GatewayExecutionResult, GatewayExecutor, GatewayGraphQLRequestContext } from "@apollo/server-gateway-interface";
import { SpanStatusCode, trace, type Span } from "@opentelemetry/api";
import { getVariableValues, GraphQLError, Kind, type FragmentDefinitionNode, type GraphQLSchema } from "graphql";
import { LRUCache } from "lru-cache";
import { isRunnable, runPlan } from "./plan-runner.ts";
import { compileResultShape, shapeResult, variableDefaults, type ResultShape } from "./result-shape.ts";

const tracer = trace.getTracer("liaison-gateway");

/**
 * How many operations stay prepared, and how much operation text between
 * them: a plan and its shape take several times their text's size, so a
 * caller sending many large distinct operations evicts older ones rather
 * than growing the heap. The least recently used is planned again when
 * next asked.
 */
const PREPARED_OPERATIONS = { count: 2_000, sourceCharacters: 1_000_000 };

/** The header with which a request asks to see its query plan, as Apollo Gateway names it (development only). */
export const QUERY_PLAN_HEADER = "apollo-query-plan-experimental";

export interface PlanExecutorOptions {
  planner: QueryPlanner;
  /** The API schema in Apollo's model, which the planner reads operations against. */
  plannerSchema: Schema;
  /** The same API schema as Apollo Server validates operations against. */
  schema: GraphQLSchema;
  /** Each subgraph's data source, by name. */
  dataSources: ReadonlyMap<string, GraphQLDataSource>;
  /** Answers a request's query plan under `extensions` when it sends QUERY_PLAN_HEADER. */
  showsQueryPlans: boolean;
}

/** An operation planned once and compiled for shaping. */
interface PreparedOperation {
  plan: QueryPlan;
  shape: ResultShape;
  /** The operation's variables' default values, by name. */
  variableDefaults: Readonly<Record<string, unknown>>;
  /** The length of the document's text, which bounds what is kept prepared. */
  sourceLength: number;
}

/**
 * Executes operations from Apollo's query plans, planned once per document,
 * and shapes the response straight from a compiled form of the operation.
 * Apollo Gateway's executor builds the operation's federation model again
 * on every request and shapes through it, which made it a third of the
 * gateway's CPU on list-heavy operations. Spans are named as Apollo
 * Gateway names them.
 */
export function planExecutor(options: PlanExecutorOptions): GatewayExecutor {
  const prepared = new LRUCache<string, PreparedOperation>({
    max: PREPARED_OPERATIONS.count,
    maxSize: PREPARED_OPERATIONS.sourceCharacters,
    sizeCalculation: (operation) => Math.max(1, operation.sourceLength),
  });

  const prepare = ({ document, operation, operationName, source }: GatewayGraphQLRequestContext): PreparedOperation => {
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    }
    const shape = compileResultShape(options.schema, operation, fragments);
    const model = operationFromDocument(options.plannerSchema, document, { operationName: operationName ?? undefined });
    const plan = options.planner.buildQueryPlan(model);
    // The supergraph was checked at start for what the runner cannot run (SupergraphGateway).
    if (!isRunnable(plan, options.schema)) throw new Error("The query plan needs a node the plan runner does not run.");
    return { plan, shape, variableDefaults: variableDefaults(options.schema, operation), sourceLength: source.length };
  };

  /** Prepares the operation under `key`, and keeps it prepared. */
  const planned = (key: string, requestContext: GatewayGraphQLRequestContext): PreparedOperation =>
    tracer.startActiveSpan("gateway.plan", operationAttributes(requestContext), (span) => {
      try {
        const operation = prepare(requestContext);
        prepared.set(key, operation);
        return operation;
      } finally {
        span.end();
      }
    });

  return (requestContext) =>
    tracer.startActiveSpan("gateway.request", operationAttributes(requestContext), async (span) => {
      try {
        const invalid = invalidVariables(options.schema, requestContext);
        if (invalid.length) return failed(span, { errors: invalid });
        const key = `${requestContext.queryHash}:${requestContext.operationName ?? ""}`;
        const operation = prepared.get(key) ?? planned(key, requestContext);
        const result = await tracer.startActiveSpan("gateway.execute", (executeSpan) =>
          execute(operation, options.dataSources, requestContext).finally(() => executeSpan.end()),
        );
        if (options.showsQueryPlans && requestContext.request.http?.headers.get(QUERY_PLAN_HEADER)) {
          result.extensions = { ...result.extensions, __queryPlanExperimental: prettyFormatQueryPlan(operation.plan) };
        }
        return result.errors ? failed(span, result) : result;
      } finally {
        span.end();
      }
    });
}

async function execute(
  { plan, shape, variableDefaults }: PreparedOperation,
  dataSources: ReadonlyMap<string, GraphQLDataSource>,
  requestContext: GatewayGraphQLRequestContext,
): Promise<GatewayExecutionResult> {
  const run = await runPlan(plan, dataSources, requestContext, variableDefaults);
  return tracer.startActiveSpan("gateway.postprocessing", (span) => {
    try {
      const variables = { ...variableDefaults, ...requestContext.request.variables };
      const { data, errors: shapingErrors } = shapeResult(shape, run.data, variables);
      // As Apollo Gateway does: a value that did not fit the schema is an error
      // of its own only when the subgraphs reported none.
      if (run.errors.length === 0 && shapingErrors.length > 0) return { data, extensions: { valueCompletion: shapingErrors } };
      return run.errors.length === 0 ? { data } : { data, errors: run.errors as GraphQLError[] };
    } catch (error) {
      // A subgraph answered data the plan cannot hold (an object where a list belongs, say).
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
