import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { anyFreePorts } from "../supergraph/registry.ts";
import { resultsDirectory } from "./report.ts";

const projectRoot = fileURLToPath(new URL("..", import.meta.url));
const GIVE_UP_MS = 120_000;
const PROBE = JSON.stringify({ query: "{ threatLevel { level } }" });

export interface FirstStartOptions {
  /** Starts timed from a new data directory, and as many again from the one the last left. */
  starts: number;
  write: boolean;
}

/**
 * `npm start` on embedded Postgres, timed from the command to the gateway's
 * first answer: from a new data directory (the first start after install,
 * which copies the template `npm ci` made) and from one that exists.
 */
export async function runFirstStartBench({ starts, write }: FirstStartOptions): Promise<void> {
  const fresh: number[] = [];
  const again: number[] = [];
  const dataDirs: string[] = [];
  try {
    for (let run = 0; run < starts; run++) {
      const dataDir = mkdtempSync(join(tmpdir(), "liaison-first-start-"));
      dataDirs.push(dataDir);
      fresh.push(await timeStart(dataDir));
      console.log(`   new data directory       ${fresh.at(-1)} ms`);
    }
    for (let run = 0; run < starts; run++) {
      again.push(await timeStart(dataDirs.at(-1)!));
      console.log(`   existing data directory  ${again.at(-1)} ms`);
    }
  } finally {
    for (const dataDir of dataDirs) rmSync(dataDir, { recursive: true, force: true });
  }
  const results = {
    measuredAt: new Date().toISOString(),
    loadAverage: loadavg()[0],
    newDataDirectory: summary(fresh),
    existingDataDirectory: summary(again),
  };
  console.log(JSON.stringify(results, null, 2));
  if (write) {
    await writeFile(join(resultsDirectory, "first-start.json"), `${JSON.stringify(results, null, 2)}\n`);
    console.log("Wrote bench/results/first-start.json");
  }
}

/** Milliseconds from starting `npm start`'s process in `dataDir` to the gateway's first answer. */
async function timeStart(dataDir: string): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...anyFreePorts(), LIAISON_DATA_DIR: dataDir, NODE_ENV: "development", LOG_LEVEL: "info" };
  delete env.DATABASE_URL;
  const started = performance.now();
  const child = spawn(process.execPath, ["scripts/start.ts"], { cwd: projectRoot, env, stdio: ["ignore", "pipe", "inherit"] });
  try {
    const url = await servingUrl(child.stdout);
    for (;;) {
      if (performance.now() - started > GIVE_UP_MS) throw new Error(`npm start did not answer within ${GIVE_UP_MS} ms`);
      const answer = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: PROBE }).catch(() => undefined);
      if (answer?.ok) return Math.round(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    child.kill("SIGTERM");
    if (child.exitCode === null) await once(child, "exit");
  }
}

/** The gateway's URL, from the line `npm start` logs once it serves. */
function servingUrl(stdout: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = "";
    stdout.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /Liaison is serving (http[^\s"]+)/.exec(seen);
      if (match) resolve(match[1]!);
    });
    stdout.on("end", () => reject(new Error(`npm start stopped before serving:\n${seen.slice(-2_000)}`)));
  });
}

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return { starts: times.length, medianMs: sorted[Math.floor(sorted.length / 2)], minMs: sorted[0], maxMs: sorted.at(-1), allMs: times };
}
