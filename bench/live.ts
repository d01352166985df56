import { writeFile } from "node:fs/promises";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import type { Identity } from "../platform/auth/identity.ts";
import { createPrismaClient, type PrismaClient } from "../platform/database/prisma.ts";
import { updateAgency } from "../subgraphs/agencies/agency-writes.ts";
import { subgraphs } from "../supergraph/registry.ts";
import { benchCallerToken } from "./auth.ts";
import { prepareDirectory } from "./directory.ts";
import { sampleProcess, startProcess, stopAll, type BenchProcess } from "./processes.ts";
import { SUBGRAPH_URLS_VARIABLE } from "./targets/subgraph-urls.ts";

// `npm run bench -- --live`: Liaison's gateway serving many subscribers
// from the change feed. Writes are made in this process with Liaison's own
// write path, so the moment each commits is known on the clock the
// subscribers' receipts are read on; the gateway, in a process of its own,
// learns of them through Postgres's NOTIFY, as another replica would.

export interface LiveBenchOptions {
  serverUrl: string;
  subscribers: number;
  /** Writes made one at a time, each awaited by every subscriber. */
  writes: number;
  /** Writes made at once. */
  burst: number;
  secrets: Readonly<Record<string, string>>;
  write: boolean;
}

const SUBSCRIPTION = `subscription ($after: String) { agencyChanged(after: $after) { sequence version agency { name } } }`;
const BENCH_EDITOR: Identity = { subject: "bench-editor", roles: ["editor"] };
const ARRIVAL_TIMEOUT_MS = 60_000;

interface Subscriber {
  client: Client;
  /** When each sequence arrived, by sequence. */
  arrivals: Map<string, number>;
  errors: number;
}

export async function runLiveBench(options: LiveBenchOptions): Promise<void> {
  console.log(`== live: ${options.subscribers} subscribers over WebSocket, ${options.writes} single writes, a burst of ${options.burst}`);
  const database = await prepareDirectory(1000, { serverUrl: options.serverUrl });
  const processes: BenchProcess[] = [];
  const prisma = createPrismaClient(database.url, { poolSize: 10 });
  const subscribers: Subscriber[] = [];
  try {
    for (const subgraph of subgraphs) {
      processes.push(
        await startProcess({ entry: "subgraph-server.ts", name: `subgraph ${subgraph.name}`, args: [subgraph.name], env: { ...options.secrets, DATABASE_URL: database.url } }),
      );
    }
    const subgraphUrls = Object.fromEntries(subgraphs.map((subgraph, index) => [subgraph.name, processes[index]!.url]));
    const gateway = await startProcess({
      entry: "targets/liaison.ts",
      name: "liaison",
      env: { ...options.secrets, DATABASE_URL: database.url, [SUBGRAPH_URLS_VARIABLE]: JSON.stringify(subgraphUrls) },
    });
    processes.push(gateway);
    const token = await benchCallerToken(options.secrets);
    const agencies = await prisma.agency.findMany({ select: { id: true, version: true }, orderBy: { id: "asc" }, take: options.burst });

    const rssBefore = sampleProcess(gateway.pid)?.rss ?? 0;
    // Each subscriber starts after the feed's present position, so however
    // late its subscription starts, it is sent the first write.
    const [after = "0"] = await sequencesOf(prisma, 1);
    for (let index = 0; index < options.subscribers; index++) subscribers.push(subscribe(gateway.url, token, after));
    // A first write every subscriber must see tells that all are subscribed.
    await writeAndAwait(prisma, agencies[0]!, subscribers, "warm-up");
    const rssAfter = sampleProcess(gateway.pid)?.rss ?? 0;
    const bytesPerSubscriber = (rssAfter - rssBefore) / options.subscribers;

    const single: number[] = [];
    for (let index = 0; index < options.writes; index++) {
      const { committedAt, sequence } = await writeAndAwait(prisma, agencies[0]!, subscribers, `single ${index}`);
      for (const subscriber of subscribers) single.push(subscriber.arrivals.get(sequence)! - committedAt);
    }

    const cpuBefore = sampleProcess(gateway.pid)?.cpuMs ?? 0;
    const burstStarted = performance.now();
    const committed = await Promise.all(
      agencies.map(async (agency, index) => {
        const written = await updateAgency({ prisma, identity: BENCH_EDITOR }, { id: agency.id, version: agency.version, name: `Burst ${index}` });
        agency.version = written.version;
        return { committedAt: performance.now() };
      }),
    );
    const burstSequences = await sequencesOf(prisma, committed.length);
    await allArrived(subscribers, burstSequences);
    const burstMs = performance.now() - burstStarted;
    const burstCpuMs = (sampleProcess(gateway.pid)?.cpuMs ?? 0) - cpuBefore;
    // Sequences are handed out in commit order, so the n-th commit to finish made the n-th sequence.
    const commitTimes = committed.map((each) => each.committedAt).sort((a, b) => a - b);
    const burst: number[] = [];
    for (const subscriber of subscribers) {
      burstSequences.forEach((sequence, index) => burst.push(subscriber.arrivals.get(sequence)! - commitTimes[index]!));
    }

    const results = {
      subscribers: options.subscribers,
      single: { writes: options.writes, ...percentiles(single) },
      burst: { writes: options.burst, ...percentiles(burst), allDeliveredMs: round(burstMs), gatewayCpuMs: round(burstCpuMs) },
      memory: { gatewayRssBeforeMiB: round(rssBefore / 2 ** 20), gatewayRssAfterMiB: round(rssAfter / 2 ** 20), kibPerSubscriber: round(bytesPerSubscriber / 1024) },
      errors: subscribers.reduce((sum, subscriber) => sum + subscriber.errors, 0),
    };
    printResults(results);
    if (options.write) await writeResults(results);
  } finally {
    await Promise.all(subscribers.map((subscriber) => subscriber.client.dispose()));
    await prisma.$disconnect();
    await stopAll(processes);
    await database.dispose();
  }
}

function subscribe(gatewayUrl: string, token: string, after: string): Subscriber {
  const subscriber: Subscriber = {
    client: createClient({
      url: gatewayUrl.replace(/^http/, "ws"),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    }),
    arrivals: new Map(),
    errors: 0,
  };
  subscriber.client.subscribe<{ agencyChanged: { sequence: string } }>(
    { query: SUBSCRIPTION, variables: { after } },
    {
      next: ({ data, errors }) => {
        if (errors) subscriber.errors++;
        if (data) subscriber.arrivals.set(data.agencyChanged.sequence, performance.now());
      },
      error: () => subscriber.errors++,
      complete: () => undefined,
    },
  );
  return subscriber;
}

async function writeAndAwait(prisma: PrismaClient, agency: { id: string; version: number }, subscribers: Subscriber[], name: string) {
  const written = await updateAgency({ prisma, identity: BENCH_EDITOR }, { id: agency.id, version: agency.version, name });
  const committedAt = performance.now();
  agency.version = written.version;
  const [sequence] = await sequencesOf(prisma, 1);
  await allArrived(subscribers, [sequence!]);
  return { committedAt, sequence: sequence! };
}

/** The sequences of the last `count` changes, oldest first. */
async function sequencesOf(prisma: PrismaClient, count: number): Promise<string[]> {
  const rows = await prisma.$queryRawUnsafe<{ sequence: string }[]>(
    "SELECT sequence::text AS sequence FROM audit.change_event ORDER BY change_event.sequence DESC LIMIT $1",
    count,
  );
  return rows.map((row) => row.sequence).reverse();
}

async function allArrived(subscribers: Subscriber[], sequences: string[]): Promise<void> {
  const deadline = performance.now() + ARRIVAL_TIMEOUT_MS;
  while (!subscribers.every((subscriber) => sequences.every((sequence) => subscriber.arrivals.has(sequence)))) {
    if (performance.now() > deadline) {
      const missing = subscribers.filter((subscriber) => !sequences.every((sequence) => subscriber.arrivals.has(sequence))).length;
      throw new Error(`${missing} subscribers had not received every change within ${ARRIVAL_TIMEOUT_MS / 1000} s.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (fraction: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? NaN);
  return { events: sorted.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: round(sorted.at(-1) ?? NaN) };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function printResults(results: Record<string, unknown>) {
  console.log(JSON.stringify(results, null, 2));
}

async function writeResults(results: Record<string, unknown>) {
  const path = new URL("results/live.json", import.meta.url);
  await writeFile(path, `${JSON.stringify({ measuredAt: new Date().toISOString(), ...results }, null, 2)}\n`);
  console.log(`Wrote ${path.pathname}`);
}
