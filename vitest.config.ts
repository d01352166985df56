import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "prisma/**/*.test.ts"],
    // Each file boots its own database and servers.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
