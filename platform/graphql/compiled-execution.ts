import type {
  GatewayExecutionResult,
  GatewayGraphQLRequestContext,
  GatewayInterface,
  GatewayLoadResult,
  GatewaySchemaLoadOrUpdateCallback,
  GatewayUnsubscriber,
} from "@apollo/server-gateway-interface";
import {
  execute,
  getNamedType,
  GraphQLError,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  typeFromAST,
  type GraphQLFieldResolver,
  type GraphQLInputObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";
import { LRUCache } from "lru-cache";

/**
 * How many operations stay compiled, and how much operation text between
 * them: a compiled operation is generated code several times its text's
 * size, so many large distinct operations evict older ones rather than
 * growing the heap.
 */
export const COMPILED_OPERATIONS = { count: 1_000, sourceCharacters: 1_000_000 };

/** An operation graphql-js interprets, for want of a faithful compilation. */
const INTERPRETED = "interpreted";

interface PreparedOperation {
  execution: CompiledQuery | typeof INTERPRETED;
  sourceLength: number;
}

/**
 * Executes a subgraph's queries with graphql-jit: each document is compiled
 * once into a function that resolves and completes its fields without
 * graphql-js's per-field interpretation, and answers with ordinary objects,
 * which serialise faster than graphql-js's prototype-less ones. Apollo
 * Server still parses, validates and runs its plugins; only the execution
 * is this one's. Apollo Server takes a custom executor only from a gateway,
 * hence the shape.
 *
 * graphql-jit differs from graphql-js in three places, each kept out of
 * reach here:
 * - a variable of an input type with a defaulted non-null field is
 *   rejected when the field is left out, so such operations, and every
 *   mutation (rare, and where a difference would cost most), run on
 *   graphql-js;
 * - a list item that is a promise and rejects is put at the list's end
 *   rather than its own place, which would misalign `_entities` with its
 *   representations; list resolvers' promised items are settled first
 *   (`settleListItems`);
 * - its errors leave `extensions` out where Apollo Server expects an object.
 */
export class CompiledExecution implements GatewayInterface {
  readonly #schema: GraphQLSchema;
  readonly #sdl: string;
  readonly #listeners = new Set<GatewaySchemaLoadOrUpdateCallback>();
  readonly #prepared: LRUCache<string, PreparedOperation>;
  readonly #compiledTypes = compilesFaithfully();

  /**
   * `sdl` is the schema's text, which Apollo Server hashes to name the
   * schema. The schema's list resolvers are wrapped in place.
   */
  constructor(schema: GraphQLSchema, sdl: string, limits = COMPILED_OPERATIONS) {
    settleListItems(schema);
    this.#schema = schema;
    this.#sdl = sdl;
    this.#prepared = new LRUCache({
      max: limits.count,
      maxSize: limits.sourceCharacters,
      sizeCalculation: (operation) => Math.max(1, operation.sourceLength),
    });
  }

  /** How many operations are held compiled (or marked for graphql-js). */
  get preparedCount(): number {
    return this.#prepared.size;
  }

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback): GatewayUnsubscriber {
    this.#listeners.add(callback);
    return () => this.#listeners.delete(callback);
  }

  async load(): Promise<GatewayLoadResult> {
    for (const listener of this.#listeners) listener({ apiSchema: this.#schema, coreSupergraphSdl: this.#sdl });
    return { executor: (requestContext) => this.#execute(requestContext) };
  }

  async stop(): Promise<void> {}

  async #execute(requestContext: GatewayGraphQLRequestContext): Promise<GatewayExecutionResult> {
    const { execution } = this.#prepare(requestContext);
    if (execution === INTERPRETED) {
      return execute({
        schema: this.#schema,
        document: requestContext.document,
        operationName: requestContext.operationName,
        variableValues: requestContext.request.variables,
        contextValue: requestContext.context,
      });
    }
    const result = await execution.query(undefined, requestContext.context, requestContext.request.variables ?? {});
    return result.errors ? { ...result, errors: result.errors.map(withExtensions) } : result;
  }

  #prepare(requestContext: GatewayGraphQLRequestContext): PreparedOperation {
    const key = `${requestContext.queryHash}:${requestContext.operationName ?? ""}`;
    let prepared = this.#prepared.get(key);
    if (!prepared) {
      prepared = { execution: this.#compile(requestContext), sourceLength: requestContext.source.length };
      this.#prepared.set(key, prepared);
    }
    return prepared;
  }

  #compile({ document, operation, operationName }: GatewayGraphQLRequestContext): PreparedOperation["execution"] {
    if (operation.operation !== "query" || !this.#variablesCompileFaithfully(operation)) return INTERPRETED;
    const compiled = compileQuery(this.#schema, document, operationName ?? undefined);
    // Apollo Server has validated the document, so graphql-jit finds nothing
    // wrong with it that graphql-js would not report the same way.
    return isCompiledQuery(compiled) ? compiled : INTERPRETED;
  }

  #variablesCompileFaithfully(operation: OperationDefinitionNode): boolean {
    return (operation.variableDefinitions ?? []).every((definition) => {
      const type = typeFromAST(this.#schema, definition.type);
      const named = type && getNamedType(type);
      return !isInputObjectType(named) || this.#compiledTypes(named);
    });
  }
}

/**
 * Whether graphql-jit coerces a variable of an input type as graphql-js
 * does: not when it, or an input type within it, has a non-null field with
 * a default. Answers are remembered per type.
 */
function compilesFaithfully(): (type: GraphQLInputObjectType) => boolean {
  const known = new Map<GraphQLInputObjectType, boolean>();
  const check = (type: GraphQLInputObjectType): boolean => {
    const answer = known.get(type);
    if (answer !== undefined) return answer;
    known.set(type, true); // an input type may contain itself
    const faithful = Object.values(type.getFields()).every((field) => {
      if (isNonNullType(field.type) && field.defaultValue !== undefined) return false;
      const named = getNamedType(field.type);
      return !isInputObjectType(named) || check(named);
    });
    known.set(type, faithful);
    return faithful;
  };
  return check;
}

/**
 * Wraps each resolver of a list field so that the promises among its items
 * are settled before graphql-jit completes the list, a failed one becoming
 * its Error in its own place.
 */
function settleListItems(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const listType = isNonNullType(field.type) ? field.type.ofType : field.type;
      if (!isListType(listType) || !field.resolve) continue;
      field.resolve = settlingItemsOf(field.resolve);
    }
  }
}

function settlingItemsOf(resolve: GraphQLFieldResolver<unknown, unknown>): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, context, info) => {
    const value = resolve(source, args, context, info);
    return isPromiseLike(value) ? Promise.resolve(value).then(settledItems) : settledItems(value);
  };
}

function settledItems(value: unknown): unknown {
  if (!Array.isArray(value) || !value.some(isPromiseLike)) return value;
  return Promise.all(
    value.map((item) => (isPromiseLike(item) ? Promise.resolve(item).catch((error: unknown) => asError(error)) : item)),
  );
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === "function";
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function withExtensions(error: GraphQLError): GraphQLError {
  const { message, path, originalError, extensions, locations } = error;
  return Object.assign(new GraphQLError(message, { path, originalError: originalError ?? undefined, extensions }), { locations });
}
