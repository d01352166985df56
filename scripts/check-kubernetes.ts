import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

// `npm run check:kubernetes`: installs the deploy workspace's packages (the
// Kubernetes API's schemas) the first time they are needed, typechecks and
// tests the checks, then renders the base and every overlay with `kubectl
// kustomize` and validates them (deploy/check.ts). Offline throughout.

const root = fileURLToPath(new URL("..", import.meta.url));
const { dependencies = {} } = JSON.parse(readFileSync(`${root}deploy/package.json`, "utf8")) as {
  dependencies?: Record<string, string>;
};
const missing = Object.keys(dependencies).filter((name) => !existsSync(`${root}node_modules/${name}/package.json`));
if (missing.length) {
  console.log(`Installing the deployment checks' packages (${missing.join(", ")})…`);
  // Its packages run no install scripts, and the root's (generation) has run.
  run("npm", ["install", "--workspace", "deploy", "--ignore-scripts", "--no-audit", "--no-fund"]);
}
if (spawnSync("kubectl", ["version", "--client"], { stdio: "ignore" }).status !== 0) {
  console.error("kubectl is needed to render the manifests: apt-get install kubernetes-client");
  process.exit(1);
}
run("npx", ["tsc", "-p", "deploy"]);
run("npx", ["vitest", "run", "--config", "deploy/vitest.config.ts"]);
run(process.execPath, ["deploy/check.ts"]);

function run(command: string, args: string[]): void {
  const { status, error } = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (error) throw error;
  if (status !== 0) process.exit(status ?? 1);
}
