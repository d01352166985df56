import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

// Generates the Prisma client (generated/prisma) and each subgraph's resolver
// types (generated/graphql). Runs after every install.

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = (name: string) => `${root}node_modules/.bin/${name}`;

// Every Prisma CLI command first looks for the native schema engine and tries
// to download it, which fails offline. Generation itself runs in WebAssembly
// and never calls that engine, so any existing file satisfies the check.
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY:
    process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? `${root}node_modules/@prisma/schema-engine-wasm/package.json`,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};

execFileSync(bin("prisma"), ["generate"], { cwd: root, env, stdio: "inherit" });
execFileSync(bin("graphql-codegen"), ["--config", "codegen.ts"], { cwd: root, env, stdio: "inherit" });
console.log("Generated the resolver types in ./generated/graphql");
