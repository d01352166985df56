import { fileURLToPath } from "node:url";

const projectRoot = new URL("../../", import.meta.url);

export const prismaSchemaDirectory = fileURLToPath(
  new URL("prisma/schema/", projectRoot),
);

export const prismaMigrationsDirectory = fileURLToPath(
  new URL("prisma/migrations/", projectRoot),
);
