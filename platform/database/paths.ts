import { fileURLToPath } from "node:url";

const projectRoot = new URL("../../", import.meta.url);

export const prismaSchemaDirectory = fileURLToPath(
  new URL("prisma/schema/", projectRoot),
);

export const prismaMigrationsDirectory = fileURLToPath(
  new URL("prisma/migrations/", projectRoot),
);

/** What Liaison keeps on this machine beside its checkout: its Node, embedded Postgres's data and template. */
export const localStateDirectory = fileURLToPath(new URL(".liaison/", projectRoot));
