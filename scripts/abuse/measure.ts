import { readFileSync } from "node:fs";
import type { Attack } from "./attacks.ts";

/** What one attack did, sent `copies` times at once while a probe kept asking for the threat level. */
export interface AttackResult {
  attack: string;
  statuses: number[];
  codes: string[];
  /** The slowest copy's time to answer. */
  seconds: number;
  probes: number;
  probeP99Ms: number;
  probeFailures: number;
  rssBeforeMb: number;
  rssPeakMb: number;
  rssAfterMb: number;
}

const PROBE = `{ threatLevel { level } }`;

/** Asks the probe a few times, so the first attack is not measured against a cold gateway (plans, JIT). */
export async function warmUp(url: string, token: string): Promise<void> {
  for (let round = 0; round < 20; round++) await post(url, PROBE, undefined, token);
}

export async function measureAttack(url: string, gatewayPid: number, attack: Attack, copies: number, token: string): Promise<AttackResult> {
  const rssBeforeMb = rssMb(gatewayPid);
  let rssPeakMb = rssBeforeMb;
  const sampler = setInterval(() => (rssPeakMb = Math.max(rssPeakMb, rssMb(gatewayPid))), 100);
  let running = true;
  const probeTimes: number[] = [];
  let probeFailures = 0;
  const probing = (async () => {
    while (running || probeTimes.length + probeFailures < 20) {
      const started = performance.now();
      const answer = await post(url, PROBE, undefined, token).catch(() => undefined);
      probeTimes.push(performance.now() - started);
      if (answer?.body?.data?.threatLevel?.level === undefined) probeFailures++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const started = performance.now();
  const answers = await Promise.all(Array.from({ length: copies }, () => post(url, attack.query, attack.variables, token).catch((error: Error) => ({ status: 0, body: { errors: [{ extensions: { code: error.message } }] } }))));
  const seconds = (performance.now() - started) / 1000;
  running = false;
  await probing;
  clearInterval(sampler);
  return {
    attack: attack.name,
    statuses: answers.map((answer) => answer.status),
    codes: answers.map((answer) => answer.body?.errors?.[0]?.extensions?.code ?? "-"),
    seconds,
    probes: probeTimes.length,
    probeP99Ms: percentile(probeTimes, 0.99),
    probeFailures,
    rssBeforeMb,
    rssPeakMb,
    rssAfterMb: rssMb(gatewayPid),
  };
}

async function post(url: string, query: string, variables: Record<string, unknown> | undefined, token: string) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = { errors: [{ extensions: { code: `not JSON (${text.length} bytes)` } }] };
  }
  return { status: response.status, body };
}

function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kilobytes = Number(status.match(/^VmRSS:\s+(\d+) kB/m)?.[1] ?? 0);
    return Math.round(kilobytes / 1024);
  } catch {
    return 0;
  }
}

function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!);
}
