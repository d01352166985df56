import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GatewayGraphQLResponse } from "@apollo/server-gateway-interface";

export interface CacheHint {
  maxAge?: number;
  scope?: "PUBLIC" | "PRIVATE";
}

/** What one operation fetched: from which subgraphs, and the most restrictive of their cache hints. */
export class FetchLog {
  readonly subgraphs = new Set<string>();
  maxAge: number | undefined;
  private = false;

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
 * was started) the subgraph and the cache hint its answer carried.
 */
export function recordingFetches<Context extends Record<string, any>>(
  subgraph: string,
  inner: GraphQLDataSource<Context>,
): GraphQLDataSource<Context> {
  return {
    process(options: GraphQLDataSourceProcessOptions<Context>): Promise<GatewayGraphQLResponse> {
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
      return inner.process({
        ...options,
        incomingRequestContext: { ...options.incomingRequestContext, overallCachePolicy: recordingPolicy },
      } as GraphQLDataSourceProcessOptions<Context>);
    },
  };
}
