import autocannon from "autocannon";

export interface LoadOptions {
  url: string;
  body: string;
  /** Sent with every request (e.g. the caller's Authorization). */
  headers: Record<string, string>;
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  /** Successful (2xx) responses per second over the run. */
  requestsPerSecond: number;
  /** NaN when no response came back within the run. */
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  /** Responses that were not 2xx, plus connection errors and timeouts. */
  errors: number;
  responses: number;
  /** Requests written, answered or still in flight when the run ended. */
  requestsSent: number;
  /** Mean response size, bytes. */
  bytesPerResponse: number;
  durationSeconds: number;
}

/** Header whose value differs on every request, so no target can merge identical requests in flight. */
export const REQUEST_ID_HEADER = "x-bench-request";

/**
 * Loads one URL with autocannon's API: `connections` keep-alive connections
 * posting the same body, each request with its own `x-bench-request` value.
 */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: options.url,
        method: "POST",
        body: options.body,
        headers: {
          "content-type": "application/json",
          ...options.headers,
          // autocannon puts a fresh id where this placeholder is, per request.
          [REQUEST_ID_HEADER]: "[<id>]",
        },
        idReplacement: true,
        connections: options.connections,
        duration: options.durationSeconds,
        timeout: 10,
      },
      (error, result) => {
        if (error) return reject(error);
        const responses = result["2xx"] + result.non2xx;
        // With no response in the window there is no latency to speak of:
        // every request took longer than the run.
        const latency = (value: number) => (responses ? value : Number.NaN);
        resolve({
          requestsPerSecond: result["2xx"] / result.duration,
          p50Ms: latency(result.latency.p50),
          p99Ms: latency(result.latency.p99),
          meanMs: latency(result.latency.average),
          errors: result.non2xx + result.errors,
          responses,
          requestsSent: (result.requests as { sent?: number }).sent ?? responses,
          bytesPerResponse: responses ? result.throughput.total / responses : 0,
          durationSeconds: result.duration,
        });
      },
    );
  });
}
