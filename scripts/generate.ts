import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { generateResolverTypes } from "../codegen.ts";

// Generates the Prisma client (generated/prisma) and each subgraph's resolver
// types (generated/graphql). Runs after every install.

const root = fileURLToPath(new URL("..", import.meta.url));

// The Prisma CLI is needed only here, and with its Studio and dev server it
// would be over half of node_modules, so npm fetches it into its own cache
// when generating instead of installing it. It must match @prisma/client.
const PRISMA_CLI = "prisma@7.10.1";
const clientVersion = (JSON.parse(readFileSync(`${root}node_modules/@prisma/client/package.json`, "utf8")) as { version: string }).version;
if (clientVersion.split(".").slice(0, 2).join(".") !== PRISMA_CLI.split("@")[1]!.split(".").slice(0, 2).join(".")) {
  throw new Error(`${PRISMA_CLI} does not match @prisma/client ${clientVersion}; update PRISMA_CLI in scripts/generate.ts.`);
}

// Every Prisma CLI command first looks for the native schema engine and tries
// to download it, which fails offline. Generation itself runs in WebAssembly
// and never calls that engine, so any existing file satisfies the check.
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY:
    process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? `${root}node_modules/@prisma/schema-engine-wasm/package.json`,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};

execFileSync("npm", ["exec", "--yes", `--package=${PRISMA_CLI}`, "--", "prisma", "generate"], { cwd: root, env, stdio: "inherit" });
await generateResolverTypes();
console.log("Generated the resolver types in ./generated/graphql");
