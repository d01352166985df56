import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

// `npm run bench`: installs the benchmark's own packages (the bench
// workspace: the peer gateways and the load generator) the first time they
// are needed, then runs bench/run.ts with the arguments given.

const root = fileURLToPath(new URL("..", import.meta.url));
const { dependencies = {} } = JSON.parse(readFileSync(`${root}bench/package.json`, "utf8")) as {
  dependencies?: Record<string, string>;
};
const missing = Object.keys(dependencies).filter((name) => !existsSync(`${root}node_modules/${name}/package.json`));
if (missing.length) {
  console.log(`Installing the benchmark's packages (${missing.join(", ")})…`);
  run("npm", ["install", "--workspace", "bench", "--no-audit", "--no-fund"]);
}
run(process.execPath, ["bench/run.ts", ...process.argv.slice(2)]);

function run(command: string, args: string[]): void {
  const { status, error } = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (error) throw error;
  if (status !== 0) process.exit(status ?? 1);
}
