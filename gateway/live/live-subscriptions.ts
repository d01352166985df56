import {
  buildASTSchema,
  createSourceEventStream,
  execute,
  getNamedType,
  GraphQLError,
  isObjectType,
  parse,
  printSchema,
  specifiedRules,
  validate,
  Kind,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFieldMap,
  type GraphQLFieldResolver,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationRule,
} from "graphql";
import type { Identity } from "../../platform/auth/identity.ts";
import type { ChangeEvent } from "../../platform/changes/change-event.ts";
import type { ChangeFeed } from "../../platform/changes/change-feed.ts";
import { ErrorCode } from "../../platform/graphql/error-codes.ts";
import type { CostLimit } from "../cost/cost-limit.ts";
import { mapAsyncIterator } from "./async-iterators.ts";
import { ChangeStream } from "./change-stream.ts";
import { ENTITY_ID_VARIABLE, entityQuery, type EntityQuery } from "./entity-query.ts";
import { liveFields, reports, type LiveField } from "./live-fields.ts";

/** Who subscribes, and the signal that ends their subscriptions. */
export type LiveContext = {
  identity: Identity;
  signal: AbortSignal;
};

/** A query's answer as the gateway gives it, errors already formatted for clients. */
export interface QueryAnswer {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
}

export interface LiveSubscriptionOptions {
  feed: ChangeFeed;
  /** The supergraph's API schema, as the gateway serves it. */
  apiSchema: GraphQLSchema;
  /** Runs a query through the gateway, as `identity`, the way an HTTP request is run. */
  runQuery(request: { query: string; variables: Record<string, unknown> }, identity: Identity): Promise<QueryAnswer>;
  /** The rules every operation the gateway admits must pass (its limits). */
  validationRules: readonly ValidationRule[];
  /** The most an operation the gateway admits may cost. */
  cost: Pick<CostLimit, "refusal">;
  /** Subscriptions this gateway serves at once, over every connection. */
  maxSubscriptions: number;
  /** Changes held for a subscriber that reads slower than they come. */
  maxBacklog: number;
}


interface Payload {
  change: ChangeEvent;
  /** The subscription's response key, to place the entity query's errors. */
  responseKey: string;
  entity: QueryAnswer | undefined;
}

/**
 * Serves the supergraph's Subscription fields from the change feed. For
 * each change a subscriber wants, what it selects of the changed entity is
 * fetched by a query through the gateway as that subscriber, so every
 * subgraph resolves and authorises it as it would a query; the change's own
 * fields (sequence, action, version, id) come from the feed.
 */
export class LiveSubscriptions {
  readonly schema: GraphQLSchema;
  readonly #options: LiveSubscriptionOptions;
  readonly #entities = new SharedAnswers();
  #active = 0;

  constructor(options: LiveSubscriptionOptions) {
    this.#options = options;
    this.schema = buildASTSchema(parse(printSchema(options.apiSchema)));
    this.#attachResolvers();
  }

  /** How many subscriptions are being served now. */
  get active(): number {
    return this.#active;
  }

  /** Errors for an operation this gateway will not subscribe to: invalid, over its limits, or one too many. */
  check(
    document: DocumentNode,
    { operationName, variables }: { operationName?: string | undefined; variables?: Readonly<Record<string, unknown>> | undefined } = {},
  ): readonly GraphQLError[] {
    const errors = validate(this.schema, document, [...specifiedRules, ...this.#options.validationRules]);
    if (errors.length) return errors;
    const tooExpensive = this.#options.cost.refusal(this.schema, { document, operationName, variables });
    if (tooExpensive) return [tooExpensive];
    return this.#active >= this.#options.maxSubscriptions ? [this.#limitReached()] : [];
  }

  /** Subscribes; `args.contextValue` must be a LiveContext. Answers a result with errors for one that cannot start. */
  readonly subscribe = async (args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
    // The slot is taken before any await, so subscriptions arriving together
    // cannot all pass `check` and then overshoot the bound.
    if (this.#active >= this.#options.maxSubscriptions) return { errors: [this.#limitReached()] };
    this.#active++;
    let source: Awaited<ReturnType<typeof createSourceEventStream>>;
    try {
      source = await createSourceEventStream({ ...args, schema: this.schema });
    } catch (error) {
      this.#active--;
      throw error;
    }
    if (!isAsyncIterable(source)) {
      this.#active--;
      return source;
    }
    const results = mapAsyncIterator(
      (source as AsyncIterableIterator<Payload>)[Symbol.asyncIterator](),
      (payload) => this.#result(payload, args),
      () => this.#active--,
    );
    return endingOnError(results);
  };

  #limitReached(): GraphQLError {
    return new GraphQLError(`This gateway serves ${this.#options.maxSubscriptions} subscriptions already; try another replica or later.`, {
      extensions: { code: ErrorCode.SUBSCRIPTION_LIMIT_REACHED },
    });
  }

  async #result(payload: Payload, args: ExecutionArgs): Promise<ExecutionResult> {
    const result = await execute({ ...args, schema: this.schema, rootValue: payload, fieldResolver: byResponseKey });
    const entityErrors = (payload.entity?.errors ?? []).map(
      (error) => new GraphQLError(error.message, { path: [payload.responseKey, ...(error.path ?? [])], extensions: error.extensions }),
    );
    return entityErrors.length ? { ...result, errors: [...(result.errors ?? []), ...entityErrors] } : result;
  }

  #attachResolvers(): void {
    const subscriptionType = this.schema.getSubscriptionType();
    for (const field of Object.values(subscriptionType?.getFields() ?? {})) {
      const live = liveFields[field.name];
      if (!live) continue;
      field.subscribe = async (_root, args: Record<string, unknown>, context: LiveContext, info) => {
        // Without `after`, a subscription starts at the last change committed
        // now, which the feed may not have delivered yet: a change made just
        // before subscribing is not news to the subscriber.
        const after = (await this.#resumedAfter(args.after)) ?? (await this.#options.feed.latestCommitted());
        const query = entityQuery(
          info.operation,
          mergedSelection(info.fieldNodes.map((node) => node.selectionSet)),
          info.fragments,
          live.entityField,
          live.query,
        );
        const changes = new ChangeStream(this.#options.feed, {
          wanted: (change) => reports(live, change) && live.concerns(args, change),
          after,
          maxBacklog: this.#options.maxBacklog,
          signal: context.signal,
        });
        const responseKey = String(info.path.key);
        const variables = info.variableValues;
        return mapAsyncIterator(changes, async (change): Promise<Payload> => ({
          change,
          responseKey,
          entity: query ? await this.#fetchEntity(query, change, variables, context.identity) : undefined,
        }));
      };
      field.resolve = (payload: Payload) => payload;
      const payloadType = getNamedType(field.type);
      if (isObjectType(payloadType)) attachPayloadResolvers(payloadType.getFields(), live);
    }
  }

  /** The sequence a subscriber resumes after, checked against the changes the feed still keeps. */
  async #resumedAfter(value: unknown): Promise<bigint | undefined> {
    const after = afterArgument(value);
    if (after === undefined || (await this.#options.feed.holds(after))) return after;
    throw new GraphQLError(
      "`after` names no change the feed still keeps: it is older than the changes kept for a week, or was never sent. Subscribe without it and read the current state again.",
      { extensions: { code: ErrorCode.BAD_USER_INPUT, argument: "after" } },
    );
  }

  #fetchEntity(query: EntityQuery, change: ChangeEvent, variables: Record<string, unknown>, identity: Identity) {
    const used = Object.fromEntries(query.variableNames.filter((name) => name in variables).map((name) => [name, variables[name]]));
    const request = { query: query.query, variables: { ...used, [ENTITY_ID_VARIABLE]: change.entityId } };
    // Subscribers with the same roles asking the same of the same change
    // share one query: what a caller may read depends on its roles alone.
    const key = JSON.stringify([change.sequence.toString(), request, [...identity.roles].sort(), identity.subject === null]);
    return this.#entities.get(key, () => this.#options.runQuery(request, identity));
  }
}

function attachPayloadResolvers(fields: GraphQLFieldMap<unknown, unknown>, live: LiveField): void {
  const resolvers: Record<string, GraphQLFieldResolver<Payload, unknown>> = {
    sequence: ({ change }) => change.sequence.toString(),
    action: ({ change }) => change.action,
    version: ({ change }) => change.version,
    [live.idField]: ({ change }) => change.entityId,
    [live.entityField]: ({ entity }, _args, _context, info) => entity?.data?.[String(info.path.key)] ?? null,
  };
  for (const [name, resolve] of Object.entries(resolvers)) {
    const field = fields[name];
    if (field) field.resolve = resolve as GraphQLFieldResolver<unknown, unknown>;
  }
}

/** Below the change's own fields, values are the gateway's answer, keyed as the client asked (aliases included). */
const byResponseKey: GraphQLFieldResolver<unknown, unknown> = (source, _args, _context, info) =>
  source !== null && typeof source === "object" ? (source as Record<string, unknown>)[String(info.path.key)] : undefined;

function afterArgument(value: unknown): bigint | undefined {
  if (value == null) return undefined;
  if (typeof value !== "string" || !/^\d{1,19}$/.test(value)) {
    throw new GraphQLError("`after` must be a `sequence` this feed delivered, e.g. \"42\".", {
      extensions: { code: ErrorCode.BAD_USER_INPUT, argument: "after" },
    });
  }
  return BigInt(value);
}

function mergedSelection(selectionSets: readonly (SelectionSetNode | undefined)[]): SelectionSetNode {
  return { kind: Kind.SELECTION_SET, selections: selectionSets.flatMap((set) => set?.selections ?? []) };
}

/**
 * Ends the stream with a last result carrying the error, for an error a
 * client can act on (a subscriber that fell behind); others end it too.
 */
function endingOnError(results: AsyncIterableIterator<ExecutionResult>): AsyncIterableIterator<ExecutionResult> {
  let failed = false;
  return {
    async next() {
      if (failed) return { done: true, value: undefined };
      try {
        return await results.next();
      } catch (error) {
        failed = true;
        const graphQLError = error instanceof GraphQLError ? error : new GraphQLError("The subscription failed.", { originalError: error as Error });
        return { done: false, value: { errors: [graphQLError] } };
      }
    },
    return: () => results.return!(),
    // graphql-sse ends a stream whose client left only through `throw`.
    async throw(error: unknown) {
      await results.return!();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value;
}

/** Recent answers by key, so concurrent identical fetches run once; the oldest are forgotten first. */
class SharedAnswers {
  readonly #answers = new Map<string, Promise<QueryAnswer>>();

  get(key: string, fetch: () => Promise<QueryAnswer>): Promise<QueryAnswer> {
    const known = this.#answers.get(key);
    if (known) return known;
    const answer = fetch();
    this.#answers.set(key, answer);
    if (this.#answers.size > 1_000) this.#answers.delete(this.#answers.keys().next().value!);
    return answer;
  }
}
