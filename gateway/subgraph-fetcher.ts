import type { Fetcher } from "@apollo/utils.fetcher";

/** How long the gateway waits for one subgraph fetch before giving up on it. */
export const SUBGRAPH_TIMEOUT_MS = 10_000;

/**
 * Node's own fetch, which keeps connections to each subgraph alive, with a
 * deadline: a stuck subgraph costs its fields an error, not the request.
 */
export const subgraphFetcher = ((url: string, init: RequestInit) =>
  fetch(url, { ...init, signal: AbortSignal.timeout(SUBGRAPH_TIMEOUT_MS) })) as unknown as Fetcher;
