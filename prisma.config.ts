// Read by the Prisma CLI (`npm exec prisma …`), which Liaison fetches on
// demand rather than installing; Liaison's own scripts read the same paths
// from platform/database/paths.ts. A plain object: `defineConfig` would
// import the CLI's package, which node_modules does not hold.
export default {
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/liaison" },
};
