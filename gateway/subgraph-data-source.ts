import { STATUS_CODES } from "node:http";
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GatewayGraphQLResponse } from "@apollo/server-gateway-interface";
import { Pool } from "undici";
import type { Identity } from "../platform/auth/identity.ts";
import type { InternalTokenIssuer } from "../platform/auth/internal-token.ts";

/** How long the gateway waits for one subgraph fetch before giving up on it. */
export const SUBGRAPH_TIMEOUT_MS = 10_000;

export interface VouchedContext {
  identity?: Identity;
}

/** Error code of a subgraph fetch that failed (unreachable, timed out, non-2xx, not JSON). */
export const SUBGRAPH_FETCH_FAILED = "SUBGRAPH_FETCH_FAILED";

// As RemoteGraphQLDataSource reports them.
const CODE_OF_STATUS: Readonly<Record<number, string>> = { 401: "UNAUTHENTICATED", 403: "FORBIDDEN" };

/**
 * Posts the gateway's fetches to one subgraph over a pool of keep-alive
 * connections, with a token vouching for the caller. A fetch that fails
 * answers an error, so the operation still gets the other subgraphs' data.
 */
export class SubgraphDataSource implements GraphQLDataSource<VouchedContext> {
  readonly #pool: Pool;
  readonly #path: string;
  readonly #subgraph: string;
  readonly #issueToken: InternalTokenIssuer;
  readonly #timeoutMs: number;

  constructor(url: string, subgraph: string, issueToken: InternalTokenIssuer, timeoutMs = SUBGRAPH_TIMEOUT_MS) {
    const { origin, pathname, search } = new URL(url);
    this.#pool = new Pool(origin);
    this.#path = pathname + search;
    this.#subgraph = subgraph;
    this.#issueToken = issueToken;
    this.#timeoutMs = timeoutMs;
  }

  async process(options: GraphQLDataSourceProcessOptions<VouchedContext>): Promise<GatewayGraphQLResponse> {
    const { request, context } = options;
    const headers: Record<string, string> = {};
    for (const [name, value] of request.http?.headers ?? []) headers[name] = value;
    headers["content-type"] = "application/json";
    if (context.identity) headers.authorization = `Bearer ${await this.#issueToken(context.identity, this.#subgraph)}`;
    const { query, variables, operationName, extensions } = request;
    const body = JSON.stringify({ query, variables, operationName, extensions });

    let answer: { statusCode: number; cacheControl: string | undefined; text: string };
    try {
      const response = await this.#pool.request({
        method: "POST",
        path: this.#path,
        headers,
        body,
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      const cacheControl = response.headers["cache-control"];
      answer = {
        statusCode: response.statusCode,
        cacheControl: Array.isArray(cacheControl) ? cacheControl.join(", ") : cacheControl,
        text: await response.body.text(),
      };
    } catch (error) {
      const timedOut = error instanceof Error && error.name === "TimeoutError";
      return this.#failed(timedOut ? `no answer within ${this.#timeoutMs} ms` : describe(error));
    }
    const { statusCode } = answer;
    if (statusCode < 200 || statusCode > 299) {
      return this.#failed(`HTTP ${statusCode} ${STATUS_CODES[statusCode] ?? ""}`.trim(), CODE_OF_STATUS[statusCode]);
    }
    let result: unknown;
    try {
      result = JSON.parse(answer.text);
    } catch {
      return this.#failed("an answer that is not JSON");
    }
    if (typeof result !== "object" || result === null || Array.isArray(result)) {
      return this.#failed("an answer that is not a JSON object");
    }
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
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? `${error.message} (${code})` : error.message;
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
