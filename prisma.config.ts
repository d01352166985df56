import { defineConfig } from "prisma/config";

// The Prisma CLI reads this file. Liaison's own scripts (migrate, seed,
// create-migration) read the same paths from platform/database/paths.ts.
export default defineConfig({
  schema: "prisma/schema",
  migrations: {
    path: "prisma/migrations",
  },
  datasource: {
    url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/liaison",
  },
});
