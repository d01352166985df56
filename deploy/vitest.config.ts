import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The deployment checks' own tests: `npm run check:kubernetes` runs them
// once the deploy workspace's packages are installed.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  test: { include: ["**/*.test.ts"], exclude: ["**/node_modules/**"], pool: "forks" },
});
