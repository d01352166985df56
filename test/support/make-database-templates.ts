// Makes one kind of the run's templates (see database-templates.ts) in
// <directory> and writes what it made to <directory>/<kind>.json. Vitest's
// global setup runs it as processes of their own: Vite's module runner
// cannot load the WebAssembly schema engine that migrations need, and
// embedded Postgres runs in the thread that starts it, holding up any
// other work there (a connection to the server can time out meanwhile).
//
//   node test/support/make-database-templates.ts <directory> server|embedded|fresh-embedded

import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { EMBEDDED_POOL_SIZE, startEmbeddedPostgres, writeDataDirectory } from "../../platform/database/embedded-postgres.ts";
import { applyMigrations } from "../../platform/database/migrations.ts";
import { createPrismaClient } from "../../platform/database/prisma.ts";
import { createScratchDatabase, type ScratchDatabase } from "../../platform/database/scratch-database.ts";
import { seedDatabase } from "../../supergraph/seed.ts";
import type { DatabaseState, DatabaseTemplates, TemplateKind } from "./database-templates.ts";

async function serverTemplates(serverUrl: string) {
  const made: ScratchDatabase[] = [];
  try {
    const migrated = await createScratchDatabase(serverUrl, "liaison_template");
    made.push(migrated);
    await applyMigrations(migrated.url);
    const seeded = await createScratchDatabase(serverUrl, "liaison_template", { template: migrated.name });
    made.push(seeded);
    await seed(seeded.url, 2);
    return { kind: "server" as const, serverUrl, migrated: migrated.name, seeded: seeded.name };
  } catch (error) {
    for (const database of made.reverse()) await database.drop();
    throw error;
  }
}

async function freshEmbeddedTemplate(directory: string) {
  const embedded = await startEmbeddedPostgres();
  try {
    return { freshEmbedded: await writeDump(await embedded.dumpDataDir(), join(directory, "fresh.tar")) };
  } finally {
    await embedded.stop();
  }
}

async function embeddedTemplates(directory: string): Promise<DatabaseTemplates> {
  const embedded = await startEmbeddedPostgres();
  const dumps = new Map<DatabaseState, Blob>();
  try {
    dumps.set("empty", await embedded.dumpDataDir());
    await applyMigrations(embedded.url);
    dumps.set("migrated", await embedded.dumpDataDir());
    await seed(embedded.url, EMBEDDED_POOL_SIZE);
    dumps.set("seeded", await embedded.dumpDataDir());
  } finally {
    await embedded.stop();
  }
  // A test database is a copy of one of these folders, which embedded
  // Postgres opens in well under a second, where loading a dump takes two.
  const folderOf = async (state: DatabaseState) => {
    const dataDir = join(directory, state);
    await writeDataDirectory(dumps.get(state)!, dataDir);
    return dataDir;
  };
  const [empty, migrated, seeded] = await Promise.all((["empty", "migrated", "seeded"] as const).map(folderOf));
  const freshEmbedded = await writeDump(dumps.get("empty")!, join(directory, "empty.tar"));
  return { kind: "embedded", empty: empty!, migrated: migrated!, seeded: seeded!, freshEmbedded };
}

async function writeDump(dump: Blob, path: string): Promise<string> {
  await writeFile(path, Buffer.from(await dump.arrayBuffer()));
  return path;
}

async function seed(databaseUrl: string, poolSize: number) {
  const prisma = createPrismaClient(databaseUrl, { poolSize });
  try {
    await seedDatabase(prisma);
  } finally {
    await prisma.$disconnect();
  }
}

const makers = {
  server: () => serverTemplates(process.env.DATABASE_URL!),
  embedded: () => embeddedTemplates(directory!),
  "fresh-embedded": () => freshEmbeddedTemplate(directory!),
};
const [directory, kind] = process.argv.slice(2);
if (!directory || !(kind! in makers)) {
  throw new Error("usage: node test/support/make-database-templates.ts <directory> server|embedded|fresh-embedded");
}
const made = await makers[kind as TemplateKind]();
await writeFile(join(directory, `${kind}.json`), JSON.stringify(made));
