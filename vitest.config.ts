import { createRequire } from "node:module";
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
    include: ["test/**/*.test.ts", "prisma/**/*.test.ts"],
    // Each file boots its own database and servers.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
