import { STATUS_CODES } from "node:http";
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GatewayGraphQLResponse } from "@apollo/server-gateway-interface";
import { Pool, type Dispatcher } from "undici";
import type { Identity } from "../platform/auth/identity.ts";
import type { InternalTokenIssuer } from "../platform/auth/internal-token.ts";
import { CHANGES_THROUGH_HEADER } from "../platform/changes/changes-through.ts";
import { ErrorCode } from "../platform/graphql/error-codes.ts";
import { deadlineSignal } from "../platform/http/deadline-signal.ts";
import { unavailableBecause } from "../platform/observability/subgraph-fetches.ts";
import type { ChangesThrough } from "./changes-through.ts";
import { budgetOf, type OperationBudget } from "./operation-budget.ts";

/** How long the gateway waits for one subgraph fetch before giving up on it. */
export const SUBGRAPH_TIMEOUT_MS = 10_000;

export interface VouchedContext {
  identity?: Identity;
}

/**
 * Error code of a subgraph answer the gateway cannot read (not JSON, not a
 * GraphQL response): a fault of Liaison's, masked outside development.
 */
export const SUBGRAPH_FETCH_FAILED = "SUBGRAPH_FETCH_FAILED";

// A refusal without a GraphQL body, as RemoteGraphQLDataSource reports it.
const CODE_OF_STATUS: Readonly<Record<number, string>> = { 401: ErrorCode.UNAUTHENTICATED, 403: ErrorCode.FORBIDDEN };

export interface SubgraphDataSourceOptions {
  timeoutMs?: number;
  entityBatch?: EntityBatchLimits;
  /** Names to each fetch the change it must reflect; without it, subgraphs answer from the memory they have. */
  changesThrough?: ChangesThrough;
}

/**
 * Posts the gateway's fetches to one subgraph over a pool of keep-alive
 * connections, with a token vouching for the caller. The subgraph's own
 * GraphQL errors pass through with their codes, whatever the HTTP status.
 * A subgraph that is down, times out or answers 5xx without a GraphQL
 * body gives `SUBGRAPH_UNAVAILABLE`, naming no address; either way the
 * operation still gets the other subgraphs' data.
 */
export class SubgraphDataSource implements GraphQLDataSource<VouchedContext> {
  readonly #pool: Pool;
  readonly #path: string;
  readonly #subgraph: string;
  readonly #issueToken: InternalTokenIssuer;
  readonly #timeoutMs: number;
  readonly #entityBatch: EntityBatchLimits;
  readonly #changesThrough: ChangesThrough | undefined;

  constructor(
    url: string,
    subgraph: string,
    issueToken: InternalTokenIssuer,
    { timeoutMs = SUBGRAPH_TIMEOUT_MS, entityBatch = ENTITY_BATCH_LIMITS, changesThrough }: SubgraphDataSourceOptions = {},
  ) {
    const { origin, pathname, search } = new URL(url);
    this.#pool = new Pool(origin);
    this.#path = pathname + search;
    this.#subgraph = subgraph;
    this.#issueToken = issueToken;
    this.#timeoutMs = timeoutMs;
    this.#entityBatch = entityBatch;
    this.#changesThrough = changesThrough;
  }

  async process(options: GraphQLDataSourceProcessOptions<VouchedContext>): Promise<GatewayGraphQLResponse> {
    const budget = budgetOf(options.context);
    const representations = options.request.variables?.representations;
    if (Array.isArray(representations)) {
      const batches = entityBatches(representations, this.#entityBatch);
      if (batches.length > 1) return this.#fetchEntitiesInBatches(options, batches, budget);
    }
    return this.#fetch(options, options.request.variables, budget);
  }

  /**
   * Fetches `_entities` a batch at a time, one after another, so no body is
   * larger than the subgraph accepts, and answers them as one fetch.
   */
  async #fetchEntitiesInBatches(
    options: GraphQLDataSourceProcessOptions<VouchedContext>,
    batches: readonly unknown[][],
    budget: OperationBudget | undefined,
  ): Promise<GatewayGraphQLResponse> {
    const entities: unknown[] = [];
    const errors: NonNullable<GatewayGraphQLResponse["errors"]>[number][] = [];
    // The first batch's, asked for first: what it says of the subgraph's
    // state (e.g. how far its memory followed the change feed) holds for all.
    let extensions: GatewayGraphQLResponse["extensions"];
    for (const batch of batches) {
      const offset = entities.length;
      const answer = await this.#fetch(options, { ...options.request.variables, representations: batch }, budget);
      extensions ??= answer.extensions;
      const batchEntities = (answer.data as { _entities?: unknown } | null | undefined)?._entities;
      if (!Array.isArray(batchEntities) || batchEntities.length !== batch.length) return answer;
      entities.push(...batchEntities);
      for (const error of answer.errors ?? []) {
        const [field, index, ...rest] = error.path ?? [];
        errors.push(field === "_entities" && typeof index === "number" ? { ...error, path: [field, index + offset, ...rest] } : error);
      }
    }
    return { data: { _entities: entities }, ...(errors.length && { errors }), ...(extensions && { extensions }) };
  }

  async #fetch(
    options: GraphQLDataSourceProcessOptions<VouchedContext>,
    variables: Record<string, unknown> | undefined,
    budget: OperationBudget | undefined,
  ): Promise<GatewayGraphQLResponse> {
    const { request, context } = options;
    const headers: Record<string, string> = {};
    for (const [name, value] of request.http?.headers ?? []) headers[name] = value;
    headers["content-type"] = "application/json";
    if (context.identity) headers.authorization = `Bearer ${await this.#issueToken(context.identity, this.#subgraph)}`;
    const through = await this.#changesThrough?.(context).catch(() => undefined);
    // Without it (no feed, or the database could not say) a subgraph answers from the memory it has.
    if (through !== undefined) headers[CHANGES_THROUGH_HEADER] = through.toString();
    const { query, operationName, extensions } = request;
    const body = JSON.stringify({ query, variables, operationName, extensions });

    let answer: { statusCode: number; cacheControl: string | undefined; text: string };
    const deadline = deadlineSignal(this.#timeoutMs, budget?.signal);
    try {
      if (budget?.signal.aborted) throw budget.signal.reason;
      const response = await this.#pool.request({ method: "POST", path: this.#path, headers, body, signal: deadline.signal });
      const cacheControl = response.headers["cache-control"];
      answer = {
        statusCode: response.statusCode,
        cacheControl: Array.isArray(cacheControl) ? cacheControl.join(", ") : cacheControl,
        text: await readBody(response.body, budget),
      };
    } catch (error) {
      if (budget?.signal.aborted) {
        budget.cutShort();
        return { errors: [budget.exhausted!] };
      }
      return unavailableBecause(this.#unavailable(), error);
    } finally {
      deadline.end();
    }
    const { statusCode } = answer;
    const result = parseObject(answer.text);
    const ok = statusCode >= 200 && statusCode <= 299;
    if (!ok && Array.isArray(result?.errors) && result.errors.length > 0) return result as GatewayGraphQLResponse;
    if (!ok) {
      const code = CODE_OF_STATUS[statusCode];
      if (code) return this.#failed(`HTTP ${statusCode} ${STATUS_CODES[statusCode]}`, code);
      if (statusCode >= 500) {
        return unavailableBecause(this.#unavailable(), `HTTP ${statusCode} ${STATUS_CODES[statusCode] ?? ""}`.trim());
      }
      return this.#failed(`HTTP ${statusCode} ${STATUS_CODES[statusCode] ?? ""}`.trim());
    }
    if (!result) return this.#failed("an answer that is not a JSON object");
    if ("incomingRequestContext" in options) {
      restrictCachePolicy(options.incomingRequestContext.overallCachePolicy, answer.cacheControl);
    }
    return result as GatewayGraphQLResponse;
  }

  close(): Promise<void> {
    return this.#pool.close();
  }

  #failed(reason: string, code = SUBGRAPH_FETCH_FAILED): GatewayGraphQLResponse {
    return { errors: [{ message: `The ${this.#subgraph} subgraph failed: ${reason}.`, extensions: { code } }] };
  }

  #unavailable(): GatewayGraphQLResponse {
    return {
      errors: [{
        message: `The ${this.#subgraph} subgraph is unavailable; the rest of the answer stands. Try again shortly.`,
        extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE },
      }],
    };
  }
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** How large an `_entities` fetch may be: well below a subgraph's body limit (fastify's 1 MiB). */
export interface EntityBatchLimits {
  bytes: number;
  representations: number;
}

export const ENTITY_BATCH_LIMITS: EntityBatchLimits = { bytes: 256 * 1024, representations: 1_000 };

/** `representations` split in order into batches within `limits`; a representation larger than the bytes alone is a batch of its own. */
export function entityBatches(representations: readonly unknown[], limits: EntityBatchLimits): unknown[][] {
  // Nearly every fetch fits in one batch: measured whole, once.
  if (representations.length <= limits.representations && JSON.stringify(representations).length <= limits.bytes) {
    return [[...representations]];
  }
  const batches: unknown[][] = [];
  let batch: unknown[] = [];
  let bytes = 0;
  for (const representation of representations) {
    const size = JSON.stringify(representation).length + 1;
    if (batch.length && (bytes + size > limits.bytes || batch.length >= limits.representations)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(representation);
    bytes += size;
  }
  if (batch.length) batches.push(batch);
  return batches;
}

/** The body as text, counted against the operation's budget, which stops reading once it runs out. */
async function readBody(body: Dispatcher.ResponseData["body"], budget: OperationBudget | undefined): Promise<string> {
  if (!budget) return body.text();
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer>) {
    if (!budget.receive(chunk.length)) {
      body.destroy();
      throw budget.signal.reason;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

interface CachePolicy {
  restrict(hint: { maxAge?: number; scope?: "PUBLIC" | "PRIVATE" }): void;
}

/** Narrows the operation's cache policy by the subgraph's Cache-Control, as RemoteGraphQLDataSource does. */
function restrictCachePolicy(policy: unknown, cacheControl: string | undefined) {
  if (!policy || typeof policy !== "object" || !("restrict" in policy)) return;
  const directives = parseCacheControl(cacheControl);
  const hint: { maxAge: number; scope?: "PUBLIC" | "PRIVATE" } = { maxAge: 0 };
  const maxAge = directives["max-age"];
  if (typeof maxAge === "string" && /^[0-9]+$/.test(maxAge)) hint.maxAge = Number(maxAge);
  if (directives.private === true) hint.scope = "PRIVATE";
  if (directives.public === true) hint.scope = "PUBLIC";
  (policy as CachePolicy).restrict(hint);
}

function parseCacheControl(header: string | undefined): Record<string, string | true> {
  const directives: Record<string, string | true> = {};
  if (!header) return directives;
  for (const part of header.trim().split(/\s*,\s*/)) {
    const [name, value] = part.split(/\s*=\s*/, 2) as [string, string | undefined];
    directives[name] = value === undefined ? true : value.replace(/^"|"$/g, "");
  }
  return directives;
}
