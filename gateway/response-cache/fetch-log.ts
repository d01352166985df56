import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GatewayGraphQLResponse } from "@apollo/server-gateway-interface";
import { CHANGES_APPLIED_EXTENSION } from "../../platform/changes/change-event.ts";

export interface CacheHint {
  maxAge?: number;
  scope?: "PUBLIC" | "PRIVATE";
}

/**
 * What one operation fetched: from which subgraphs, the most restrictive of
 * their cache hints, and the earliest point of the change feed a subgraph
 * answering from memory said its answer reflects.
 */
export class FetchLog {
  readonly subgraphs = new Set<string>();
  maxAge: number | undefined;
  private = false;
  changesApplied: bigint | undefined;

  applied(sequence: bigint): void {
    if (this.changesApplied === undefined || sequence < this.changesApplied) this.changesApplied = sequence;
  }

  restrict(hint: CacheHint): void {
    if (hint.maxAge !== undefined) this.maxAge = Math.min(this.maxAge ?? hint.maxAge, hint.maxAge);
    if (hint.scope === "PRIVATE") this.private = true;
  }

  get hint(): CacheHint {
    return { maxAge: this.maxAge ?? 0, scope: this.private ? "PRIVATE" : "PUBLIC" };
  }
}

// Keyed by the operation's context object, which Apollo Gateway hands every fetch.
const logs = new WeakMap<object, FetchLog>();

/** Starts recording the fetches made for the operation whose context is `context`. */
export function startFetchLog(context: object): FetchLog {
  const log = new FetchLog();
  logs.set(context, log);
  return log;
}

interface CachePolicy {
  restrict(hint: CacheHint): void;
}

/**
 * Hands each fetch to `inner`, noting in the operation's fetch log (if one
 * was started) the subgraph, the cache hint its answer carried, and how far
 * its memory reflected the change feed if it said.
 */
export function recordingFetches<Context extends Record<string, any>>(
  subgraph: string,
  inner: GraphQLDataSource<Context>,
): GraphQLDataSource<Context> {
  return {
    async process(options: GraphQLDataSourceProcessOptions<Context>): Promise<GatewayGraphQLResponse> {
      const log = "incomingRequestContext" in options ? logs.get(options.context) : undefined;
      if (!log || !("incomingRequestContext" in options)) return inner.process(options);
      log.subgraphs.add(subgraph);
      const policy = options.incomingRequestContext.overallCachePolicy as CachePolicy;
      const recordingPolicy: CachePolicy = Object.create(policy, {
        restrict: {
          value: (hint: CacheHint) => {
            log.restrict(hint);
            policy.restrict(hint);
          },
        },
      });
      const response = await inner.process({
        ...options,
        incomingRequestContext: { ...options.incomingRequestContext, overallCachePolicy: recordingPolicy },
      } as GraphQLDataSourceProcessOptions<Context>);
      const applied = response.extensions?.[CHANGES_APPLIED_EXTENSION];
      if (typeof applied === "string" && /^[0-9]+$/.test(applied)) log.applied(BigInt(applied));
      return response;
    },
  };
}
