import type { GraphQLDataSource } from "@apollo/gateway";
import type { GraphQLDataSourceRequestKind } from "@apollo/gateway/dist/datasources/types.js";
import { errorCodeDef, ERRORS } from "@apollo/federation-internals";
import type { FetchNode, PlanNode, QueryPlan, QueryPlanSelectionNode, ResponsePath } from "@apollo/query-planner";
import type { GatewayGraphQLRequestContext } from "@apollo/server-gateway-interface";
import { trace } from "@opentelemetry/api";
import { GraphQLError, isObjectType, type GraphQLFormattedError, type GraphQLSchema } from "graphql";

const tracer = trace.getTracer("liaison-gateway");

// GraphQLDataSourceRequestKind.INCOMING_OPERATION: the enum is a type the package's index does not export.
const INCOMING_OPERATION = "incoming operation" as GraphQLDataSourceRequestKind.INCOMING_OPERATION;

/**
 * Whether the runner executes every node of `plan`: sequences, parallels,
 * flattens, conditions (`@skip` and `@include` on a variable) and fetches
 * without data rewrites, whose entities are object types of `schema`; not
 * `@defer`, subscriptions, `@interfaceObject` or `@fromContext`.
 */
export function isRunnable(plan: QueryPlan, schema: GraphQLSchema): boolean {
  const objectTypesOnly = (selections: readonly QueryPlanSelectionNode[]): boolean =>
    selections.every((selection) =>
      selection.kind === "Field"
        ? !selection.selections || objectTypesOnly(selection.selections)
        : !!selection.typeCondition && isObjectType(schema.getType(selection.typeCondition)) && objectTypesOnly(selection.selections),
    );
  const runnable = (node: PlanNode): boolean => {
    switch (node.kind) {
      case "Sequence":
      case "Parallel":
        return node.nodes.every(runnable);
      case "Flatten":
        return runnable(node.node);
      case "Condition":
        return (!node.ifClause || runnable(node.ifClause)) && (!node.elseClause || runnable(node.elseClause));
      case "Fetch":
        return (
          !node.inputRewrites?.length &&
          !node.outputRewrites?.length &&
          !node.contextRewrites?.length &&
          (!node.requires || objectTypesOnly(node.requires))
        );
      default:
        return false;
    }
  };
  return !plan.node || (plan.node.kind !== "Subscription" && runnable(plan.node));
}

type ResponseObject = Record<string, unknown>;

/** Where a fetch's results go: the objects at a path of the response, and that path. */
interface Cursor {
  path: ResponsePath;
  data: unknown;
}

export interface PlanRun {
  data: ResponseObject;
  /** The subgraphs' errors, and faults of fetches that could not be made or read. */
  errors: (GraphQLError | Error)[];
}

/**
 * Runs a query plan as Apollo Gateway's `executeQueryPlan` does: fetches in
 * sequence or in parallel as the plan says, conditions by the variables
 * sent or their defaults, each fetch of entities sent the
 * representations its `requires` selects from the objects at its path, and
 * each answer merged into those objects. Errors from subgraphs keep their
 * codes, gain `serviceName`, and have their paths rewritten to the
 * response's. What it merges is shaped afterwards (`shapeResult`).
 */
export async function runPlan(
  plan: QueryPlan,
  dataSources: ReadonlyMap<string, GraphQLDataSource>,
  requestContext: GatewayGraphQLRequestContext,
  variableDefaults: Readonly<Record<string, unknown>>,
): Promise<PlanRun> {
  const data: ResponseObject = Object.create(null);
  const errors: (GraphQLError | Error)[] = [];
  const variables = requestContext.request.variables;

  const fetch = async (node: FetchNode, cursor: Cursor): Promise<void> => {
    const dataSource = dataSources.get(node.serviceName);
    if (!dataSource) throw new Error(`Couldn't find service with name "${node.serviceName}"`);
    const entities = Array.isArray(cursor.data) ? cursor.data.filter((each) => each !== null && each !== undefined) : [cursor.data];
    if (entities.length === 0) return;
    const fetchVariables: Record<string, unknown> = Object.create(null);
    for (const name of node.variableUsages ?? []) {
      if (variables && Object.hasOwn(variables, name) && variables[name] !== undefined) fetchVariables[name] = variables[name];
    }
    const send = async (sent: Record<string, unknown>): Promise<ResponseObject | null | undefined> => {
      const response = await dataSource.process({
        kind: INCOMING_OPERATION,
        request: { query: node.operation, variables: sent, operationName: node.operationName },
        incomingRequestContext: requestContext,
        context: requestContext.context,
        document: node.operationDocumentNode,
        pathInIncomingRequest: cursor.path,
      });
      if (response.errors) {
        const pathOf = errorPaths(node, cursor, data);
        for (const error of response.errors) errors.push(downstreamError(error, node.serviceName, pathOf));
      }
      return response.data;
    };

    if (!node.requires) {
      const received = await send(fetchVariables);
      for (const entity of entities) deepMerge(entity as ResponseObject, received);
      return;
    }
    const representations: ResponseObject[] = [];
    const representedEntities: ResponseObject[] = [];
    for (const entity of entities) {
      const representation = selectRequired(entity as ResponseObject, node.requires);
      if (!representation?.__typename) continue;
      representations.push(representation);
      representedEntities.push(entity as ResponseObject);
    }
    if (representations.length === 0) return;
    if ("representations" in fetchVariables) throw new Error(`Variables cannot contain key "representations"`);
    const received = await send({ ...fetchVariables, representations });
    if (!received) return;
    const receivedEntities = received._entities;
    if (!Array.isArray(receivedEntities)) throw new Error(`Expected "data._entities" in response to be an array`);
    if (receivedEntities.length !== representations.length) {
      throw new Error(`Expected "data._entities" to contain ${representations.length} elements`);
    }
    representedEntities.forEach((entity, index) => {
      const answer = receivedEntities[index] as ResponseObject | null;
      if (answer && !answer.__typename) answer.__typename = entity.__typename;
      deepMerge(entity, answer);
    });
  };

  const run = async (node: PlanNode, cursor: Cursor): Promise<void> => {
    switch (node.kind) {
      case "Sequence":
        for (const child of node.nodes) await run(child, cursor);
        return;
      case "Parallel":
        await Promise.all(node.nodes.map((child) => run(child, cursor)));
        return;
      case "Flatten": {
        const flattened = flattenAtPath(cursor.data, node.path);
        if (flattened === undefined || flattened === null) return;
        return run(node.node, { path: [...cursor.path, ...node.path], data: flattened });
      }
      case "Condition": {
        const own = variables && Object.hasOwn(variables, node.condition) ? variables[node.condition] : undefined;
        const value = own === undefined ? variableDefaults[node.condition] : own;
        if (typeof value !== "boolean") throw new Error(`Invalid non-boolean value ${String(value)} for Boolean! variable $${node.condition}`);
        const branch = value ? node.ifClause : node.elseClause;
        return branch && run(branch, cursor);
      }
      case "Fetch":
        return tracer.startActiveSpan("gateway.fetch", { attributes: { service: node.serviceName } }, async (span) => {
          try {
            await fetch(node, cursor);
          } catch (error) {
            errors.push(error as Error);
          } finally {
            span.end();
          }
        });
      default:
        throw new Error(`The plan runner cannot run a ${node.kind} node.`);
    }
  };

  if (plan.node) await run(plan.node as PlanNode, { path: [], data });
  return { data, errors };
}

/** The objects at `path`, `@` standing for every element of a list, flattened into one list. */
function flattenAtPath(value: unknown, path: ResponsePath, from = 0): unknown {
  if (from === path.length || value === undefined || value === null) return value;
  const step = path[from];
  if (step === "@") return (value as unknown[]).flatMap((element) => flattenAtPath(element, path, from + 1));
  if (typeof step !== "string" || Array.isArray(value)) throw new Error(`Unexpected path element ${String(step)} for the value found.`);
  return flattenAtPath(Object.hasOwn(value as object, step) ? (value as ResponseObject)[step] : undefined, path, from + 1);
}

/** What an entity fetch's `requires` selects of an entity: its typename and keys; null when any is missing. */
function selectRequired(source: ResponseObject | null, selections: readonly QueryPlanSelectionNode[]): ResponseObject | null {
  if (source === null) return null;
  // An ordinary object: representations are serialised twice per fetch. Keys are the schema's field names.
  const result: ResponseObject = {};
  for (const selection of selections) {
    if (selection.kind === "Field") {
      const name = selection.alias ?? selection.name;
      const value = Object.hasOwn(source, name) ? source[name] : undefined;
      if (value === undefined) return null;
      const nested = selection.selections;
      if (Array.isArray(value)) result[name] = nested ? value.map((each) => selectRequired(each as ResponseObject | null, nested)) : value;
      else result[name] = nested ? selectRequired(value as ResponseObject | null, nested) : value;
    } else if (selection.typeCondition && source.__typename === selection.typeCondition) {
      deepMerge(result, selectRequired(source, selection.selections));
    }
  }
  return result;
}

/** Merges `source` into `target`: objects key by key, lists of equal length element by element. */
function deepMerge(target: ResponseObject, source: ResponseObject | null | undefined): void {
  if (source === undefined || source === null) return;
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value === undefined) continue;
    // A key such as `__proto__` must become the object's own, not reach its prototype.
    if (!Object.hasOwn(target, key) && key in target) {
      Object.defineProperty(target, key, { configurable: true, enumerable: true, value: undefined, writable: true });
    }
    const existing = target[key];
    if (existing && isObject(value)) {
      deepMerge(existing as ResponseObject, value);
    } else if (Array.isArray(value) && Array.isArray(existing) && value.length === existing.length) {
      for (let index = 0; index < value.length; index++) {
        if (isObject(existing[index]) && isObject(value[index])) deepMerge(existing[index], value[index]);
        else existing[index] = value[index];
      }
    } else {
      target[key] = value;
    }
  }
}

function isObject(value: unknown): value is ResponseObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Maps a subgraph error's path to the response's: an `_entities` error's
 * index names the entity, found by walking the response as the fetch did.
 */
function errorPaths(node: FetchNode, cursor: Cursor, data: ResponseObject) {
  let entityPaths: ResponsePath[] | undefined;
  return (path: readonly (string | number)[] | undefined): ResponsePath | undefined => {
    if (node.requires && typeof path?.[1] === "number") {
      entityPaths ??= pathsOfEntities(cursor.path, data);
      return [...(entityPaths[path[1]] ?? []), ...path.slice(2)];
    }
    return path ? [...cursor.path, ...path] : undefined;
  };
}

function pathsOfEntities(path: ResponsePath, data: unknown): ResponsePath[] {
  const found: ResponsePath[] = [];
  const walk = (at: ResponsePath, value: unknown, rest: ResponsePath) => {
    if (value === null || value === undefined) return;
    const [head, ...tail] = rest;
    if (head === undefined) {
      found.push(at);
    } else if (head === "@" || (typeof head === "string" && Array.isArray(value))) {
      if (!Array.isArray(value)) throw new Error("expected array when encountering `@`");
      value.forEach((element, index) => walk([...at, index], element, head === "@" ? tail : rest));
    } else if (typeof head === "string" && Object.hasOwn(value as object, head)) {
      walk([...at, head], (value as ResponseObject)[head], tail);
    }
  };
  walk([], data, path);
  return found;
}

/** A subgraph's error as the response carries it, with Apollo Gateway's codes and `serviceName`. */
function downstreamError(
  original: GraphQLFormattedError,
  serviceName: string,
  pathOf: (path: readonly (string | number)[] | undefined) => ResponsePath | undefined,
): GraphQLError {
  const message = original.message || `Error while fetching subquery from service "${serviceName}"`;
  const options = {
    originalError: original as Error,
    path: pathOf(original.path),
    extensions: { ...original.extensions, serviceName },
  };
  const code = errorCodeDef(original);
  if (!code && original.extensions?.code) return new GraphQLError(message, options);
  return (code ?? ERRORS.DOWNSTREAM_SERVICE_ERROR).err(message, options);
}
