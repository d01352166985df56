import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createScratchDatabase } from "../../platform/database/scratch-database.ts";
import { subgraphs } from "../../supergraph/registry.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** Liaison running as it is deployed, for the abuse script to attack. */
export interface Stack {
  readonly name: string;
  /** The gateway's /graphql. */
  readonly url: string;
  /** The process the gateway runs in. */
  readonly gatewayPid: number;
  stop(): Promise<void>;
}

/** The environment every process of a stack gets: quiet, and no response cache, so every attack does its work. */
const QUIET = { LOG_LEVEL: "silent", RESPONSE_CACHE: "false", NODE_ENV: "development" };

/** `npm start`'s single process over embedded Postgres in a fresh data directory. */
export async function startSingleProcess(): Promise<Stack> {
  const dataDir = mkdtempSync(join(tmpdir(), "liaison-abuse-"));
  const port = await freePort();
  const ports = await subgraphPorts();
  const child = run("scripts/start.ts", [], { ...QUIET, ...ports, PORT: String(port), LIAISON_DATA_DIR: dataDir, DATABASE_URL: undefined });
  const url = `http://127.0.0.1:${port}/graphql`;
  await healthy(url, child);
  return {
    name: "single process (npm start, embedded Postgres)",
    url,
    gatewayPid: child.pid!,
    async stop() {
      await stopProcess(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Each subgraph and the gateway in a process of its own, as docker-compose.yml runs them, over a scratch database on `serverUrl`. */
export async function startSplitDeployment(serverUrl: string): Promise<Stack> {
  const database = await createScratchDatabase(serverUrl, "liaison_abuse");
  const processes: ChildProcess[] = [];
  try {
    const prepare = run("scripts/prepare-database.ts", [], { ...QUIET, DATABASE_URL: database.url });
    const [code] = await once(prepare, "exit");
    if (code !== 0) throw new Error(`Preparing the database failed (code ${code}).`);
    const port = await freePort();
    const ports = await subgraphPorts();
    const env = {
      ...QUIET,
      ...ports,
      DATABASE_URL: database.url,
      PORT: String(port),
      GATEWAY_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`,
      ...Object.fromEntries(subgraphs.map(({ name }) => [`${name.toUpperCase()}_URL`, `http://127.0.0.1:${ports[`${name.toUpperCase()}_PORT`]}/graphql`])),
    };
    const gateway = run("scripts/serve-gateway.ts", [], env);
    processes.push(gateway);
    for (const { name } of subgraphs) processes.push(run("scripts/serve-subgraph.ts", [name], env));
    const url = `http://127.0.0.1:${port}/graphql`;
    await healthy(url, gateway);
    return {
      name: "split deployment (a process each, Postgres server)",
      url,
      gatewayPid: gateway.pid!,
      async stop() {
        await Promise.all(processes.map(stopProcess));
        await database.drop();
      },
    };
  } catch (error) {
    await Promise.all(processes.map(stopProcess));
    await database.drop();
    throw error;
  }
}

function run(script: string, args: string[], env: Record<string, string | undefined>): ChildProcess {
  const merged = Object.entries({ ...process.env, ...env }).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return spawn(process.execPath, [script, ...args], { cwd: root, env: Object.fromEntries(merged), stdio: ["ignore", "ignore", "inherit"] });
}

async function healthy(url: string, child: ChildProcess, timeoutMs = 180_000): Promise<void> {
  const health = new URL("/health", url);
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${child.spawnargs.slice(1).join(" ")} exited (code ${child.exitCode}).`);
    const ok = await fetch(health).then((response) => response.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} was not healthy within ${timeoutMs / 1000} s.`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  await exited;
  clearTimeout(timer);
}

async function subgraphPorts(): Promise<Record<string, string>> {
  const ports: Record<string, string> = {};
  for (const { name } of subgraphs) ports[`${name.toUpperCase()}_PORT`] = String(await freePort());
  return ports;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  if (typeof address !== "object" || !address) throw new Error("No free port.");
  return address.port;
}
