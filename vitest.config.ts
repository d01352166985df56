import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql ships both an ES module and a CommonJS build. Node (and the
    // Apollo packages) load the CommonJS one; without this alias Vite would
    // load the other for our own files, and graphql refuses types that come
    // from "another module or realm".
    alias: { graphql: require.resolve("graphql") },
  },
  test: {
    pool: "forks",
    // Vitest leaves one core free by default, which on a 2-core machine runs
    // the files one at a time; integration tests mostly wait on Postgres and
    // on servers in other processes, so one worker per core keeps both busy.
    maxWorkers: availableParallelism(),
    // A worker runs its files one after another in one module graph,
    // loading the servers' modules once rather than for every file: each
    // file starts servers and a database of its own, so only process-wide
    // state (OpenTelemetry's globals) could cross files.
    isolate: false,
    projects: [
      {
        extends: true,
        // Modules, resolvers and servers without a database or the network.
        test: { name: "unit", include: ["test/unit/**/*.test.ts"] },
      },
      {
        extends: true,
        // The real servers on free ports over a real Postgres, spoken to over HTTP.
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          // Template databases, made once per run, that each test database copies.
          globalSetup: ["test/support/prepare-database-templates.ts"],
          setupFiles: ["test/support/integration-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
