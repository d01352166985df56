const PROBE_TIMEOUT_MS = 2_000;

interface SubgraphStatus {
  ok: boolean;
  latencyMs?: number;
  reason?: string;
}

/**
 * Asks every subgraph's `/ready` at once: `ok` when all are ready,
 * `degraded` naming those that are not.
 */
export async function subgraphHealth(subgraphUrls: Readonly<Record<string, string>>) {
  const entries = await Promise.all(
    Object.entries(subgraphUrls).map(async ([name, url]) => [name, await probe(url)] as const),
  );
  const ok = entries.every(([, status]) => status.ok);
  return { ok, status: ok ? "ok" : "degraded", subgraphs: Object.fromEntries(entries) };
}

async function probe(graphqlUrl: string): Promise<SubgraphStatus> {
  const started = performance.now();
  try {
    const response = await fetch(new URL("/ready", graphqlUrl), {
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    await response.body?.cancel();
    const latencyMs = Math.round(performance.now() - started);
    return response.ok ? { ok: true, latencyMs } : { ok: false, latencyMs, reason: `HTTP ${response.status}` };
  } catch (error) {
    const reason = error instanceof Error && error.name === "TimeoutError" ? "timed out" : "unreachable";
    return { ok: false, reason };
  }
}
