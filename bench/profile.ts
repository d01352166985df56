import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { subgraphs } from "../supergraph/registry.ts";
import { postOperation } from "./check.ts";
import { prepareDirectory, scaleLabel, type Scale } from "./directory.ts";
import { runLoad } from "./load.ts";
import { requestBody, type Operation } from "./operations.ts";
import { startProcess, stopAll, type BenchProcess } from "./processes.ts";
import { resultsDirectory } from "./report.ts";
import { SUBGRAPH_URLS_VARIABLE } from "./targets/subgraph-urls.ts";

export const profileDirectory = join(resultsDirectory, "profile");

export interface ProfileOptions {
  scales: Scale[];
  operations: Operation[];
  serverUrl: string | undefined;
  secrets: Readonly<Record<string, string>>;
  headers: Record<string, string>;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

/**
 * Loads Liaison's gateway as the comparison does and, once it is warm,
 * samples the CPU of the gateway and of every subgraph process while the
 * load runs (V8's profiler, started over IPC, so start-up and warm-up stay
 * out). Prints where each process's time goes: self time per package and
 * the hottest functions. Profiles land in bench/results/profile/ (not
 * committed); open one in Chrome DevTools or speedscope for the call tree.
 */
export async function profileLiaison(options: ProfileOptions): Promise<void> {
  await mkdir(profileDirectory, { recursive: true });
  for (const scale of options.scales) {
    const label = scaleLabel(scale);
    console.log(`\n== profiling Liaison's gateway at scale ${label}`);
    const database = await prepareDirectory(scale, { serverUrl: options.serverUrl });
    const processes: BenchProcess[] = [];
    try {
      for (const subgraph of subgraphs) {
        processes.push(
          await startProcess({
            entry: "subgraph-server.ts",
            name: subgraph.name,
            args: [subgraph.name],
            env: { ...options.secrets, DATABASE_URL: database.url },
          }),
        );
      }
      const subgraphUrls = Object.fromEntries(processes.map((each) => [each.name, each.url]));
      const gateway = await startProcess({
        entry: "targets/liaison.ts",
        name: "gateway",
        env: { ...options.secrets, DATABASE_URL: database.url, [SUBGRAPH_URLS_VARIABLE]: JSON.stringify(subgraphUrls) },
      });
      processes.unshift(gateway);
      for (const operation of options.operations) {
        const answer = await postOperation(gateway.url, operation, options.headers);
        if (!answer.ok) throw new Error(`Liaison did not answer ${operation.id}: ${answer.problem}`);
        const load = { url: gateway.url, body: requestBody(operation), headers: options.headers, connections: options.connections };
        await runLoad({ ...load, durationSeconds: options.warmupSeconds });
        await Promise.all(processes.map((each) => each.request({ kind: "profile", action: "start" })));
        const result = await runLoad({ ...load, durationSeconds: options.durationSeconds });
        for (const each of processes) {
          const file = join(profileDirectory, `liaison-${label}-${operation.id}-${each.name}.cpuprofile`);
          await each.request({ kind: "profile", action: "stop", file });
          const summary = summariseProfile(JSON.parse(await readFile(file, "utf8")) as CpuProfile);
          const title = `${operation.id} at scale ${label}, ${each.name} process (${result.requestsPerSecond.toFixed(0)} req/s while profiled)`;
          const text = formatSummary(title, summary, each === gateway ? 25 : 12);
          console.log(text);
          await writeFile(file.replace(/\.cpuprofile$/, ".txt"), text + "\n", "utf8");
        }
      }
    } finally {
      await stopAll(processes);
      await database.dispose();
    }
  }
}

// ---- Reading a V8 .cpuprofile ----

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Milliseconds sampled while busy (not idle). */
  busyMs: number;
  totalMs: number;
  functions: { name: string; where: string; selfMs: number }[];
  packages: { name: string; selfMs: number }[];
  /** Self time charged to the nearest package on the stack, Node's internals included in their caller's. */
  callers: { name: string; selfMs: number }[];
}

export function summariseProfile(profile: CpuProfile): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const ownerCache = new Map<number, string>();
  // The package of the nearest frame, this one or an ancestor, that is not Node's own.
  const ownerOf = (id: number): string => {
    const cached = ownerCache.get(id);
    if (cached !== undefined) return cached;
    const frame = byId.get(id)!.callFrame;
    const own = packageOf(frame.url, frame.functionName);
    const parent = parentOf.get(id);
    const nodeOwn = own.startsWith("node:") || own === "(native)" || own === "(program)";
    const owner = nodeOwn && parent !== undefined ? ownerOf(parent) : nodeOwn ? "node (no caller)" : own;
    ownerCache.set(id, owner);
    return owner;
  };
  const callers = new Map<string, number>();
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, index) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const functions = new Map<string, { name: string; where: string; selfMs: number }>();
  const packages = new Map<string, number>();
  let busyUs = 0;
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    totalUs += us;
    // Idle time, and the profiler's own call that stops it, are not the process's work.
    if (frame.functionName === "(idle)" || frame.url === "node:inspector") continue;
    busyUs += us;
    const where = frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : "";
    const key = `${frame.functionName}@${where}`;
    const entry = functions.get(key) ?? { name: frame.functionName || "(anonymous)", where, selfMs: 0 };
    entry.selfMs += us / 1000;
    functions.set(key, entry);
    const pkg = packageOf(frame.url, frame.functionName);
    packages.set(pkg, (packages.get(pkg) ?? 0) + us / 1000);
    const owner = pkg === "(garbage collector)" ? pkg : ownerOf(id);
    callers.set(owner, (callers.get(owner) ?? 0) + us / 1000);
  }
  return {
    busyMs: busyUs / 1000,
    totalMs: totalUs / 1000,
    functions: [...functions.values()].sort((a, b) => b.selfMs - a.selfMs),
    packages: [...packages.entries()].map(([name, selfMs]) => ({ name, selfMs })).sort((a, b) => b.selfMs - a.selfMs),
    callers: [...callers.entries()].map(([name, selfMs]) => ({ name, selfMs })).sort((a, b) => b.selfMs - a.selfMs),
  };
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) return url.slice(modules + "node_modules/".length);
  return url.replace(/^file:\/\/.*?\/(gateway|platform|subgraphs|supergraph|bench|generated|prisma)\//, "$1/");
}

/** Which package (or part of Node, or of this repo) a frame belongs to. */
export function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const parts = url.slice(modules + "node_modules/".length).split("/");
    return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (url.startsWith("node:")) return `node:${url.slice(5).split("/")[0]}`;
  const local = url.match(/\/(gateway|platform|subgraphs|supergraph|bench|generated|prisma)\//);
  return local ? `liaison ${local[1]}/` : url;
}

export function formatSummary(title: string, summary: ProfileSummary, top = 25): string {
  const percent = (ms: number) => `${((ms / summary.busyMs) * 100).toFixed(1).padStart(5)}%`;
  const lines = [
    `\n-- ${title}: ${(summary.busyMs / 1000).toFixed(1)} s busy of ${(summary.totalMs / 1000).toFixed(1)} s sampled`,
    "   self time by package:",
    ...summary.packages.slice(0, 12).map((p) => `   ${percent(p.selfMs)}  ${p.selfMs.toFixed(0).padStart(6)} ms  ${p.name}`),
    "   self time by the package that called into Node (Node's internals charged to their caller):",
    ...summary.callers.slice(0, 12).map((p) => `   ${percent(p.selfMs)}  ${p.selfMs.toFixed(0).padStart(6)} ms  ${p.name}`),
    `   hottest ${top} functions by self time:`,
    ...summary.functions
      .slice(0, top)
      .map((f) => `   ${percent(f.selfMs)}  ${f.selfMs.toFixed(0).padStart(6)} ms  ${f.name}  ${f.where}`),
  ];
  return lines.join("\n");
}
