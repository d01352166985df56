import { readFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { subgraphs } from "../supergraph/registry.ts";
import { benchCallerToken, makeBenchSecrets } from "./auth.ts";
import { firstDifference, postOperation, sameData } from "./check.ts";
import {
  LOCAL_POSTGRES_URL,
  parseScale,
  prepareDirectory,
  scaleLabel,
  serverAnswers,
  type Scale,
} from "./directory.ts";
import { runLoad } from "./load.ts";
import { planOperations, requestBody, type Operation } from "./operations.ts";
import {
  postgresPids,
  sampleMachine,
  startProcess,
  stopAll,
  waitUntilQuiet,
  watchProcesses,
  type BenchProcess,
} from "./processes.ts";
import { runFirstStartBench } from "./first-start.ts";
import { runLiveBench } from "./live.ts";
import { profileLiaison } from "./profile.ts";
import { runWalkBench } from "./walks.ts";
import { computeRatios, printTable, verdict, writeReports } from "./report.ts";
import type { BenchResults, BenchSettings, Cell, RoundResult, ScaleInfo } from "./results-model.ts";
import { FLOOR, LIAISON, targetsFor, type TargetDefinition, type TargetId } from "./targets/index.ts";
import { RESPONSE_CACHE_VARIABLE } from "./targets/liaison-gateway.ts";
import { SUBGRAPH_URLS_VARIABLE } from "./targets/subgraph-urls.ts";

const USAGE = `npm run bench -- [options]

  --quick               a short run (~2 min): scale 1000, 2 rounds of 2 s
  --scales LIST         directory sizes: page (the page's data) and/or numbers
                        of agencies (default page,1000,20000)
  --duration SECONDS    each measurement (default 3)
  --rounds N            rounds; targets alternate order each round (default 3)
  --warmup SECONDS      warm-up per target and operation (default 1.5)
  --connections N       concurrent connections (default 50)
  --targets LIST        liaison,apollo-gateway,hive,hive-router,sql-floor
                        (default all); with --cached: liaison,liaison-notified,
                        hive,hive-router
  --cached              every gateway with its response cache on (Liaison's
                        kept fresh by the change feed, Hive's responseCaching);
                        liaison-notified is Liaison's without the freshness
                        check, to price it (results in bench/results/cached.*)
  --operations LIST     dashboard,explorer,list,lookup (default all that can run)
  --embedded            use embedded Postgres (PGlite) instead of a server
  --profile             instead of comparing: CPU-profile Liaison's gateway and
                        the subgraphs under load, per operation; print where
                        the time goes (profiles in bench/results/profile/)
  --live                instead of comparing: subscribers served from the change
                        feed; the time from a committed write to each
                        subscriber's event, memory per subscriber, a burst
                        of writes (results in bench/results/live.json)
  --walks               instead of comparing: graph walks for a single client at
                        scale 20000 (about 100,000 links) unless --scales says
                        otherwise: recursive SQL, the adjacency index, and
                        through the gateway (results in bench/results/walks.md)
  --first-start         instead of comparing: npm start on embedded Postgres,
                        from the command to the gateway's first answer, five
                        times from a new data directory and five from an
                        existing one (results in bench/results/first-start.json)
  --subscribers N       with --live: WebSocket subscribers (default 1000)
  --writes N            with --live: writes made one at a time (default 20)
  --burst N             with --live: writes made at once (default 100)
  --no-write            print only; leave bench/results/ alone

Postgres: a scratch database per scale on DATABASE_URL's server, or
${LOCAL_POSTGRES_URL} when DATABASE_URL is unset.`;

interface Options extends BenchSettings {
  targets: TargetDefinition[];
  operations: string[] | undefined;
  serverUrl: string | undefined;
  profile: boolean;
  /** Instead of comparing: graph walks for a single client. */
  walks: boolean;
  /** Instead of comparing: npm start's time to its first answer. */
  firstStart: boolean;
  /** Instead of comparing: subscribers served from the change feed. */
  live: { subscribers: number; writes: number; burst: number } | undefined;
  write: boolean;
  /** Every target with its response cache on. */
  cached: boolean;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: "boolean", default: false },
      scales: { type: "string" },
      duration: { type: "string" },
      rounds: { type: "string" },
      warmup: { type: "string" },
      connections: { type: "string" },
      targets: { type: "string" },
      operations: { type: "string" },
      embedded: { type: "boolean", default: false },
      profile: { type: "boolean", default: false },
      live: { type: "boolean", default: false },
      cached: { type: "boolean", default: false },
      walks: { type: "boolean", default: false },
      "first-start": { type: "boolean", default: false },
      subscribers: { type: "string" },
      writes: { type: "string" },
      burst: { type: "string" },
      "no-write": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const quick = values.quick;
  const number = (text: string | undefined, fallback: number, name: string) => {
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, not "${text}".`);
    return value;
  };
  const list = (text: string | undefined) => text?.split(",").map((each) => each.trim()).filter(Boolean);
  const defaultScales = values.walks ? ["20000"] : quick ? ["1000"] : ["page", "1000", "20000"];
  const scales = (list(values.scales) ?? defaultScales).map(parseScale);
  const targetIds = list(values.targets);
  const allTargets = targetsFor(values.cached);
  const targets = targetIds
    ? targetIds.map((id) => {
        const found = allTargets.find((target) => target.id === id);
        if (!found) throw new Error(`No target "${id}"; there are ${allTargets.map((t) => t.id).join(", ")}.`);
        return found;
      })
    : [...allTargets];
  const serverUrl = values.embedded ? undefined : (process.env.DATABASE_URL || LOCAL_POSTGRES_URL);
  return {
    quick,
    scales: scales.map(scaleLabel),
    durationSeconds: number(values.duration, quick ? 2 : 3, "duration"),
    rounds: Math.round(number(values.rounds, quick ? 2 : 3, "rounds")),
    warmupSeconds: number(values.warmup, quick ? 1 : 1.5, "warmup"),
    connections: Math.round(number(values.connections, 50, "connections")),
    database: serverUrl ? "server" : "embedded",
    targets,
    operations: list(values.operations),
    serverUrl,
    profile: values.profile,
    walks: values.walks,
    firstStart: values["first-start"],
    live: values.live
      ? {
          subscribers: Math.round(number(values.subscribers, quick ? 200 : 1000, "subscribers")),
          writes: Math.round(number(values.writes, quick ? 5 : 20, "writes")),
          burst: Math.round(number(values.burst, 100, "burst")),
        }
      : undefined,
    write: !values["no-write"],
    cached: values.cached,
    mode: values.cached ? "cached" : "cold",
  };
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const registered = subgraphs.map((subgraph) => subgraph.name);
  const plan = planOperations(registered, options.operations);
  console.log(`Subgraphs registered: ${registered.join(", ")}`);
  for (const { operation, missing } of plan.skipped) {
    console.log(`Skipping ${operation.id}: needs subgraph${missing.length > 1 ? "s" : ""} ${missing.join(", ")}, not registered yet.`);
  }
  if (!plan.run.length) throw new Error("No operation can run with the subgraphs registered.");

  if (options.serverUrl && !(await serverAnswers(options.serverUrl))) {
    console.log(`No Postgres answers at ${redact(options.serverUrl)}; using embedded Postgres (slower, one backend).`);
    options.serverUrl = undefined;
    options.database = "embedded";
  }

  const background = await backgroundLoad();
  if (background.busyPercent > 15) {
    console.log(
      `The machine is already ${background.busyPercent.toFixed(0)}% busy with other work (load average ${background.loadAverage.toFixed(1)}): ` +
        "the figures will be noisy. Run the bench on an otherwise idle machine for figures to keep.",
    );
  }

  if (options.firstStart) {
    await runFirstStartBench({ starts: options.quick ? 2 : 5, write: options.write });
    return;
  }

  const secrets = makeBenchSecrets();
  const token = await benchCallerToken(secrets.env);
  const headers = { authorization: `Bearer ${token}` };

  if (options.live) {
    if (!options.serverUrl) throw new Error("--live needs a Postgres server: the gateway hears writes through NOTIFY.");
    await runLiveBench({ ...options.live, serverUrl: options.serverUrl, secrets: secrets.env, write: options.write });
    return;
  }

  if (options.walks) {
    await runWalkBench({
      scales: options.scales.map(parseScale),
      serverUrl: options.serverUrl,
      secrets: secrets.env,
      headers,
      walks: options.quick ? 100 : 300,
      write: options.write,
    });
    return;
  }

  if (options.profile) {
    await profileLiaison({
      scales: options.scales.map(parseScale),
      operations: plan.run,
      serverUrl: options.serverUrl,
      secrets: secrets.env,
      headers,
      connections: options.connections,
      durationSeconds: options.durationSeconds,
      warmupSeconds: options.warmupSeconds,
    });
    return;
  }

  const cellsPerScale = plan.run.length * options.targets.length;
  const estimate =
    options.scales.length *
    (cellsPerScale * (options.warmupSeconds + options.rounds * options.durationSeconds + 0.3 * options.rounds) + 15);
  console.log(
    `Targets: ${options.targets.map((t) => t.id).join(", ")}; operations: ${plan.run.map((o) => o.id).join(", ")}; ` +
      `scales: ${options.scales.join(", ")}; ${options.connections} connections, ${options.rounds} rounds of ` +
      `${options.durationSeconds} s after ${options.warmupSeconds} s warm-up; about ${Math.ceil(estimate / 60)} min.`,
  );

  const startedAt = new Date();
  const cells: Cell[] = [];
  const scaleInfos: ScaleInfo[] = [];
  for (const scaleText of options.scales) {
    const scale = parseScale(scaleText);
    const { cells: scaleCells, info } = await benchScale(scale, plan.run, options, secrets.env, headers);
    cells.push(...scaleCells);
    scaleInfos.push(info);
  }

  const results: BenchResults = {
    version: 1,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    settings: {
      quick: options.quick,
      scales: options.scales,
      connections: options.connections,
      durationSeconds: options.durationSeconds,
      warmupSeconds: options.warmupSeconds,
      rounds: options.rounds,
      database: options.database,
      mode: options.mode,
    },
    environment: { ...(await describeEnvironment(options.serverUrl)), backgroundBusyPercent: Math.round(background.busyPercent) },
    fairness: options.cached ? [...FAIRNESS, ...CACHED_FAIRNESS] : FAIRNESS,
    scales: scaleInfos,
    operations: [
      ...plan.run.map((operation) => ({ id: operation.id, title: operation.title })),
      ...plan.skipped.map(({ operation, missing }) => ({
        id: operation.id,
        title: operation.title,
        skipped: `needs ${missing.join(", ")} (not registered)`,
      })),
    ],
    targets: options.targets.map((target) => ({ id: target.id, label: target.label, version: targetVersion(target.id) })),
    cells,
    ratios: computeRatios(cells),
  };
  printTable(results);
  const verdictLines = verdict(results);
  if (verdictLines.length) {
    console.log("\nDone when Liaison serves at least the fastest peer's req/s at an equal or lower p99 (dashboard, list):");
    for (const line of verdictLines) console.log(`  ${line}`);
  }
  if (options.write) {
    const written = await writeReports(results, undefined, options.cached ? "cached" : "latest");
    console.log(`\nWrote ${written.join(", ")}`);
  }
}

const FAIRNESS = [
  "Every target talks to the same subgraph processes (one per subgraph, the repo's serveSubgraph over Prisma) and the same database; the floor reads that database directly.",
  "Each target runs in a process of its own; the load generator (autocannon) runs in the orchestrator, which serves nothing.",
  "Same authentication work everywhere, with Liaison's own code: each request's HS256 bearer token is verified (once per token until it expires, then remembered); gateways sign an EdDSA internal token per subgraph fetch (cached per caller and subgraph), which the subgraphs verify likewise.",
  "Every request carries a distinct x-bench-request header value, and no target has inbound de-duplication switched on. Hive's HTTP executor merges identical in-flight subgraph fetches by default, so the Hive targets forward that header to the subgraphs, which keeps every fetch distinct; SQL statements per request are counted under load as well as once, and would show any merging or caching.",
  "Before loading, each target's answer to each operation is checked equal (JSON with sorted keys) to Liaison's; a target that differs is not measured for that operation, and answers are checked again after loading.",
  "Same connections, duration and warm-up for all; targets alternate order every round (A B C D, then D C B A) and each figure is the median over rounds. Each run starts only once every bench process and Postgres are idle again, so requests left in flight by the previous run do not slow the next.",
  "All targets run with NODE_ENV=production.",
];

const CACHED_FAIRNESS = [
  "Cached comparison: each gateway keeps answers in memory, in its own process, keyed by operation, variables and caller (Liaison: the caller's role; Hive: the caller's Authorization header as its session, one token here). Liaison's entries live until a change evicts them; Hive's until its TTL (default: no limit) or a mutation through it. Liaison checks the change feed's latest sequence before every answer from memory; liaison-notified does not, which prices that check.",
];

async function benchScale(
  scale: Scale,
  operations: Operation[],
  options: Options,
  secrets: Readonly<Record<string, string>>,
  headers: Record<string, string>,
): Promise<{ cells: Cell[]; info: ScaleInfo }> {
  const label = scaleLabel(scale);
  console.log(`\n== scale ${label}: preparing a fresh database`);
  const database = await prepareDirectory(scale, { serverUrl: options.serverUrl });
  const dropOnInterrupt = () => void database.dispose().finally(() => process.exit(130));
  process.once("SIGINT", dropOnInterrupt);
  const agencies = database.rows["agencies.agency"] ?? 0;
  console.log(
    `   ${Object.entries(database.rows).map(([table, count]) => `${table} ${count}`).join(", ")} ` +
      `(${database.secondsToPrepare.toFixed(1)} s)`,
  );
  const info: ScaleInfo = { scale: label, agencies, rows: database.rows, secondsToPrepare: database.secondsToPrepare };
  const subgraphProcesses: BenchProcess[] = [];
  const targetProcesses = new Map<TargetId, BenchProcess>();
  try {
    for (const subgraph of subgraphs) {
      subgraphProcesses.push(
        await startProcess({
          entry: "subgraph-server.ts",
          name: `subgraph ${subgraph.name}`,
          args: [subgraph.name],
          env: { ...secrets, DATABASE_URL: database.url },
        }),
      );
    }
    const subgraphUrls = Object.fromEntries(
      subgraphs.map((subgraph, index) => [subgraph.name, subgraphProcesses[index]!.url]),
    );
    const failed: Cell[] = [];
    for (const target of options.targets) {
      try {
        targetProcesses.set(
          target.id,
          await startProcess({
            entry: target.entry,
            name: target.id,
            env: {
              ...secrets,
              DATABASE_URL: database.url,
              [SUBGRAPH_URLS_VARIABLE]: JSON.stringify(subgraphUrls),
              [RESPONSE_CACHE_VARIABLE]: String(options.cached),
            },
          }),
        );
      } catch (error) {
        // One target that cannot start does not stop the others being measured.
        const reason = `did not start: ${(error instanceof Error ? error.message : String(error)).split("\n").slice(0, 3).join(" ")}`;
        console.log(`   ${target.id} ${reason}`);
        for (const operation of operations) {
          failed.push({ scale: label, operation: operation.id, target: target.id, status: "excluded", reason });
        }
      }
    }
    console.log(`   started ${subgraphProcesses.length} subgraph(s) and ${targetProcesses.size} target(s)`);
    const started = { ...options, targets: options.targets.filter((target) => targetProcesses.has(target.id)) };
    const measured = await measure(label, operations, started, headers, subgraphProcesses, targetProcesses);
    return { cells: [...measured, ...failed], info };
  } finally {
    await stopAll([...targetProcesses.values()]);
    await stopAll(subgraphProcesses);
    process.off("SIGINT", dropOnInterrupt);
    await database.dispose();
  }
}

async function measure(
  scale: string,
  operations: Operation[],
  options: Options,
  headers: Record<string, string>,
  subgraphProcesses: BenchProcess[],
  targetProcesses: Map<TargetId, BenchProcess>,
): Promise<Cell[]> {
  const cells = new Map<string, Cell>();
  const key = (operation: string, target: string) => `${operation}/${target}`;
  // The first answer to each operation, Liaison's when it answers, and whose it is.
  const references = new Map<string, unknown>();
  const referenceOwners = new Map<string, TargetId>();

  // 1. Check: every target answers every operation, equal to Liaison's answer; count SQL.
  for (const operation of operations) {
    for (const target of orderedWithLiaisonFirst(options.targets)) {
      const server = targetProcesses.get(target.id)!;
      const counters = target.kind === "floor" ? [server] : subgraphProcesses;
      await Promise.all(counters.map((each) => each.request({ kind: "statements", reset: true })));
      const answer = await postOperation(server.url, operation, headers);
      const counts = await Promise.all(
        counters.map((each) => each.request<{ statements: number }>({ kind: "statements", reset: true })),
      );
      const cell: Cell = { scale, operation: operation.id, target: target.id, status: "measured" };
      cells.set(key(operation.id, target.id), cell);
      if (!answer.ok) {
        exclude(cell, `did not answer: ${answer.problem}`);
        const printed = server.output().trim().split("\n").slice(-8).join("\n      ");
        if (printed) console.log(`      ${target.id} printed:\n      ${printed}`);
        continue;
      }
      cell.sqlStatements = counts.reduce((sum, each) => sum + each.statements, 0);
      cell.responseBytes = answer.bytes;
      const reference = references.get(operation.id);
      if (reference === undefined) {
        references.set(operation.id, answer.data);
        referenceOwners.set(operation.id, target.id);
      } else if (!sameData(reference, answer.data)) {
        const owner = referenceOwners.get(operation.id);
        exclude(cell, `answer differs from ${owner}'s: ${firstDifference(answer.data, reference)}`);
      }
    }
  }

  // Requests still in flight when a run ends keep the subgraphs busy for a
  // while; the next run starts only once every process is idle again.
  const benchPids = [...subgraphProcesses, ...targetProcesses.values()].map((each) => each.pid);
  const settle = async () => {
    const { quiet, waitedMs } = await waitUntilQuiet([...benchPids, ...postgresPids()]);
    if (!quiet) console.log(`   (the processes were still busy after ${(waitedMs / 1000).toFixed(0)} s; going on)`);
    await pause(100);
  };

  const runnable = (operation: Operation, target: TargetDefinition) =>
    cells.get(key(operation.id, target.id))?.status === "measured";

  // 2. Warm-up.
  for (const operation of operations) {
    for (const target of options.targets) {
      if (!runnable(operation, target)) continue;
      await runLoad({
        url: targetProcesses.get(target.id)!.url,
        body: requestBody(operation),
        headers,
        connections: options.connections,
        durationSeconds: options.warmupSeconds,
      });
      await settle();
    }
  }

  // 3. Rounds, alternating the order of targets.
  const subgraphPids = Object.fromEntries(subgraphProcesses.map((each) => [each.name, each.pid]));
  for (let round = 1; round <= options.rounds; round++) {
    const order = round % 2 === 1 ? options.targets : [...options.targets].reverse();
    for (const operation of operations) {
      for (const target of order) {
        if (!runnable(operation, target)) continue;
        const server = targetProcesses.get(target.id)!;
        const counters = target.kind === "floor" ? [server] : subgraphProcesses;
        await Promise.all(counters.map((each) => each.request({ kind: "statements", reset: true })));
        const watch = watchProcesses({ target: server.pid, ...(target.kind === "gateway" ? subgraphPids : {}) });
        const result = await runLoad({
          url: server.url,
          body: requestBody(operation),
          headers,
          connections: options.connections,
          durationSeconds: options.durationSeconds,
        });
        const usage = watch.stop();
        const statements = await Promise.all(
          counters.map((each) => each.request<{ statements: number }>({ kind: "statements", reset: true })),
        );
        const statementCount = statements.reduce((sum, each) => sum + each.statements, 0);
        // Requests still in flight at the end did work too: count them in.
        const handled = Math.max(result.responses, result.requestsSent);
        const per = (amount: number) => (handled ? amount / handled : 0);
        const targetMs = usage.cpuMs.target ?? 0;
        const subgraphMs = Object.entries(usage.cpuMs)
          .filter(([name]) => name !== "target")
          .reduce((sum, [, ms]) => sum + ms, 0);
        const roundResult: RoundResult = {
          round,
          requestsPerSecond: result.requestsPerSecond,
          p50Ms: result.p50Ms,
          p99Ms: result.p99Ms,
          errors: result.errors,
          responses: result.responses,
          peakRssBytes: usage.peakRss.target ?? 0,
          sqlStatementsPerRequest: per(statementCount),
          cpuMsPerRequest: {
            target: per(targetMs),
            subgraphs: per(subgraphMs),
            loadGenerator: per(usage.loadGeneratorCpuMs),
            rest:
              usage.machineBusyMs === undefined
                ? null
                : per(Math.max(0, usage.machineBusyMs - targetMs - subgraphMs - usage.loadGeneratorCpuMs)),
          },
        };
        const cell = cells.get(key(operation.id, target.id))!;
        (cell.rounds ??= []).push(roundResult);
        console.log(
          `   ${scale.padEnd(6)} ${operation.id.padEnd(9)} round ${round} ${target.id.padEnd(12)} ` +
            `${result.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${ms(result.p50Ms)} ms  ` +
            `p99 ${ms(result.p99Ms)} ms  errors ${result.errors}`,
        );
        await settle();
      }
    }
  }

  // 4. Still the same answers after the load.
  for (const operation of operations) {
    for (const target of options.targets) {
      if (!runnable(operation, target)) continue;
      const answer = await postOperation(targetProcesses.get(target.id)!.url, operation, headers);
      const cell = cells.get(key(operation.id, target.id))!;
      if (!answer.ok || !sameData(references.get(operation.id), answer.data)) {
        cell.reason = `after loading, the answer was ${answer.ok ? "different" : `an error (${answer.problem})`}`;
        console.log(`   ${scale} ${operation.id} ${target.id}: ${cell.reason}`);
      }
    }
  }

  for (const cell of cells.values()) summarise(cell);
  return [...cells.values()];
}

function ms(value: number): string {
  return (Number.isFinite(value) ? value.toFixed(1) : "–").padStart(6);
}

function exclude(cell: Cell, reason: string) {
  cell.status = "excluded";
  cell.reason = reason;
  console.log(`   ${cell.scale} ${cell.operation} ${cell.target}: not measured, ${reason}`);
}

function summarise(cell: Cell) {
  const rounds = cell.rounds;
  if (!rounds?.length) return;
  cell.requestsPerSecond = median(rounds.map((r) => r.requestsPerSecond));
  // A round without a single response has no latency; it counts as the slowest.
  const latency = (value: number) => (Number.isFinite(value) ? value : Number.POSITIVE_INFINITY);
  const p50 = median(rounds.map((r) => latency(r.p50Ms)));
  const p99 = median(rounds.map((r) => latency(r.p99Ms)));
  if (Number.isFinite(p50)) cell.p50Ms = p50;
  if (Number.isFinite(p99)) cell.p99Ms = p99;
  if (!Number.isFinite(p99)) cell.reason = `too slow: no response within a ${rounds.length > 1 ? "typical " : ""}round`;
  cell.errors = rounds.reduce((sum, r) => sum + r.errors, 0);
  cell.peakRssMiB = Math.max(...rounds.map((r) => r.peakRssBytes)) / 2 ** 20;
  cell.sqlStatementsUnderLoad = median(rounds.map((r) => r.sqlStatementsPerRequest));
  const rest = rounds.map((r) => r.cpuMsPerRequest.rest).filter((value): value is number => value !== null);
  cell.cpuMsPerRequest = {
    target: median(rounds.map((r) => r.cpuMsPerRequest.target)),
    subgraphs: median(rounds.map((r) => r.cpuMsPerRequest.subgraphs)),
    loadGenerator: median(rounds.map((r) => r.cpuMsPerRequest.loadGenerator)),
    rest: rest.length ? median(rest) : null,
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function orderedWithLiaisonFirst(targets: readonly TargetDefinition[]): TargetDefinition[] {
  return [...targets].sort((a, b) => Number(b.id === LIAISON) - Number(a.id === LIAISON));
}

/** How busy the machine is before the bench starts anything: other work skews every figure. */
async function backgroundLoad(): Promise<{ busyPercent: number; loadAverage: number }> {
  const before = sampleMachine();
  await pause(1_000);
  const after = sampleMachine();
  const busyPercent = before && after ? (100 * (after.busyMs - before.busyMs)) / (after.totalMs - before.totalMs || 1) : 0;
  return { busyPercent, loadAverage: loadavg()[0] ?? 0 };
}

function pause(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

function packageVersion(name: string): string {
  try {
    const path = new URL(`../node_modules/${name}/package.json`, import.meta.url);
    return (JSON.parse(readFileSync(path, "utf8")) as { version: string }).version;
  } catch {
    return "?";
  }
}

function targetVersion(id: TargetId): string {
  switch (id) {
    case "liaison":
    case "liaison-notified":
      return `@apollo/query-planner ${packageVersion("@apollo/query-planner")}, @apollo/server ${packageVersion("@apollo/server")}, fastify ${packageVersion("fastify")}`;
    case "apollo-gateway":
      return `@apollo/gateway ${packageVersion("@apollo/gateway")}, @apollo/server ${packageVersion("@apollo/server")} (standalone)`;
    case "hive":
      return `@graphql-hive/gateway ${packageVersion("@graphql-hive/gateway")}`;
    case "hive-router":
      return `@graphql-hive/gateway ${packageVersion("@graphql-hive/gateway")}, @graphql-hive/router-runtime ${packageVersion("@graphql-hive/router-runtime")}`;
    case FLOOR:
      return `pg ${packageVersion("pg")}`;
    default:
      return "?";
  }
}

async function describeEnvironment(serverUrl: string | undefined): Promise<Record<string, string | number>> {
  let postgres = "embedded (PGlite)";
  if (serverUrl) {
    const client = new pg.Client({ connectionString: serverUrl });
    try {
      await client.connect();
      postgres = (await client.query<{ server_version: string }>("SHOW server_version")).rows[0]!.server_version;
    } catch {
      postgres = "?";
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return {
    node: process.version,
    cpu: cpus()[0]?.model ?? "?",
    cores: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    postgres,
    platform: `${process.platform} ${process.arch}`,
  };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
