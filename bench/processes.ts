import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ChildMessage, ParentMessage } from "./child.ts";

const benchDirectory = fileURLToPath(new URL(".", import.meta.url));
const projectRoot = fileURLToPath(new URL("..", import.meta.url));
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 10_000;
const OUTPUT_KEPT = 20_000;

export interface BenchProcess {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  /** Asks the process something over IPC (see `runChild`'s `onRequest`). */
  request<T>(body: unknown): Promise<T>;
  /** The last lines it printed, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** A file under bench/, e.g. "targets/liaison.ts". */
  entry: string;
  name: string;
  args?: string[];
  env?: Record<string, string | undefined>;
  /** Extra Node flags, e.g. ["--cpu-prof", "--cpu-prof-dir=…"]. */
  nodeFlags?: string[];
}

/**
 * Forks a bench process running a TypeScript entry under bench/ (on Node's
 * own type stripping, as `npm start` and the serve scripts run, so its pid
 * is the server's own) and waits until it reports where it listens.
 */
export async function startProcess(options: StartOptions): Promise<BenchProcess> {
  const child = fork(`${benchDirectory}${options.entry}`, options.args ?? [], {
    cwd: projectRoot,
    execArgv: options.nodeFlags ?? [],
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_KEPT);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = once(child, "exit").then(([code]) => code as number | null);

  const ready = await new Promise<{ url: string; pid: number }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${options.name} did not start within ${READY_TIMEOUT_MS / 1000} s:\n${output}`));
    }, READY_TIMEOUT_MS);
    child.on("message", (message: ChildMessage) => {
      if (message.type === "ready") {
        clearTimeout(timer);
        resolve(message);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited (code ${code}) before it was ready:\n${output}`));
    });
  });

  let nextId = 0;
  const pending = new Map<number, (body: unknown) => void>();
  child.on("message", (message: ChildMessage) => {
    if (message.type === "reply") {
      pending.get(message.id)?.(message.body);
      pending.delete(message.id);
    }
  });

  return {
    name: options.name,
    url: ready.url,
    pid: ready.pid,
    output: () => output,
    request<T>(body: unknown) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, (reply) => resolve(reply as T));
        child.send({ type: "request", id, body } satisfies ParentMessage, (error) => {
          if (error) {
            pending.delete(id);
            reject(error);
          }
        });
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.send({ type: "stop" } satisfies ParentMessage);
      else child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Stops every process, whatever happens to each. */
export async function stopAll(processes: readonly (BenchProcess | undefined)[]): Promise<void> {
  await Promise.allSettled(processes.map((each) => each?.stop()));
}

// ---- What the kernel says about a process (Linux /proc) ----

const CLOCK_TICKS_PER_SECOND = 100;

export interface ProcessSample {
  /** Resident memory now, bytes. */
  rss: number;
  /** CPU time used so far (user + system), milliseconds. */
  cpuMs: number;
}

/** RSS and CPU time of a process, or undefined where /proc cannot tell. */
export function sampleProcess(pid: number): ProcessSample | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const rssKb = Number(status.match(/^VmRSS:\s+(\d+) kB/m)?.[1] ?? NaN);
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    if (!Number.isFinite(rssKb) || !Number.isFinite(ticks)) return undefined;
    return { rss: rssKb * 1024, cpuMs: (ticks * 1000) / CLOCK_TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

/** CPU time of the whole machine, all cores, busy and idle, in milliseconds. */
export function sampleMachine(): { busyMs: number; totalMs: number } | undefined {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
    const [, ...values] = line.trim().split(/\s+/);
    const ticks = values.map(Number);
    const total = ticks.reduce((sum, each) => sum + each, 0);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    const toMs = (value: number) => (value * 1000) / CLOCK_TICKS_PER_SECOND;
    return { busyMs: toMs(total - idle), totalMs: toMs(total) };
  } catch {
    return undefined;
  }
}

/**
 * Samples the peak RSS of some processes every `intervalMs` until stopped,
 * and their CPU time used in between.
 */
export function watchProcesses(pids: Record<string, number>, intervalMs = 100) {
  const peak: Record<string, number> = {};
  const start: Record<string, number> = {};
  const machineStart = sampleMachine();
  const selfStart = process.cpuUsage();
  for (const [name, pid] of Object.entries(pids)) {
    const sample = sampleProcess(pid);
    peak[name] = sample?.rss ?? 0;
    start[name] = sample?.cpuMs ?? 0;
  }
  const poll = () => {
    for (const [name, pid] of Object.entries(pids)) {
      const rss = sampleProcess(pid)?.rss ?? 0;
      if (rss > (peak[name] ?? 0)) peak[name] = rss;
    }
  };
  const timer = setInterval(poll, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      poll();
      const cpuMs: Record<string, number> = {};
      for (const [name, pid] of Object.entries(pids)) {
        cpuMs[name] = (sampleProcess(pid)?.cpuMs ?? 0) - (start[name] ?? 0);
      }
      const self = process.cpuUsage(selfStart);
      const machineEnd = sampleMachine();
      return {
        peakRss: peak,
        cpuMs,
        loadGeneratorCpuMs: (self.user + self.system) / 1000,
        machineBusyMs:
          machineStart && machineEnd ? machineEnd.busyMs - machineStart.busyMs : undefined,
      };
    },
  };
}

/**
 * Waits until the processes are idle (together under `busyPercent` of one
 * core over `windowMs`), so that requests a load run left in flight do not
 * spill into the next measurement. Gives up after `timeoutMs`.
 */
export async function waitUntilQuiet(
  pids: readonly number[],
  { busyPercent = 5, windowMs = 250, timeoutMs = 8_000 } = {},
): Promise<{ quiet: boolean; waitedMs: number }> {
  const started = performance.now();
  const cpu = () => pids.reduce((sum, pid) => sum + (sampleProcess(pid)?.cpuMs ?? 0), 0);
  let previous = cpu();
  while (performance.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const now = cpu();
    if (((now - previous) / windowMs) * 100 < busyPercent) {
      return { quiet: true, waitedMs: performance.now() - started };
    }
    previous = now;
  }
  return { quiet: false, waitedMs: performance.now() - started };
}

/** The local Postgres server's processes (its backends do the bench's SQL), where /proc shows them. */
export function postgresPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === "postgres") pids.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}
