// Makes one kind of the run's templates (see database-templates.ts) and
// writes where they are to <directory>/<kind>.json: template databases on
// the server, or the install's embedded template (supergraph/
// embedded-template.ts), made here only when the migrations or seeds
// changed since. Vitest's global setup runs it as a process of its own:
// Vite's module runner cannot load the WebAssembly schema engine that
// migrations need.
//
//   node test/support/make-database-templates.ts <directory> server|embedded|fresh-embedded

import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createScratchDatabase, type ScratchDatabase } from "../../platform/database/scratch-database.ts";
import { makeEmbeddedTemplate } from "../../supergraph/embedded-template.ts";
import { migrateDatabase, seedDatabaseIfNeeded } from "../../supergraph/prepare-database.ts";
import type { DatabaseTemplates, TemplateKind } from "./database-templates.ts";

async function serverTemplates(serverUrl: string) {
  const made: ScratchDatabase[] = [];
  try {
    const migrated = await createScratchDatabase(serverUrl, "liaison_template");
    made.push(migrated);
    await migrateDatabase(migrated.url);
    const seeded = await createScratchDatabase(serverUrl, "liaison_template", { template: migrated.name });
    made.push(seeded);
    await seedDatabaseIfNeeded(seeded.url);
    return { kind: "server" as const, serverUrl, migrated: migrated.name, seeded: seeded.name };
  } catch (error) {
    for (const database of made.reverse()) await database.drop();
    throw error;
  }
}

async function embeddedTemplates(): Promise<DatabaseTemplates> {
  const { initialised, initialisedDump, migrated, seeded } = await makeEmbeddedTemplate();
  return { kind: "embedded", empty: initialised, migrated, seeded, freshEmbedded: initialisedDump };
}

const makers = {
  server: () => serverTemplates(process.env.DATABASE_URL!),
  embedded: embeddedTemplates,
  "fresh-embedded": async () => ({ freshEmbedded: (await makeEmbeddedTemplate()).initialisedDump }),
};
const [directory, kind] = process.argv.slice(2);
if (!directory || !(kind! in makers)) {
  throw new Error("usage: node test/support/make-database-templates.ts <directory> server|embedded|fresh-embedded");
}
const made = await makers[kind as TemplateKind]();
await writeFile(join(directory, `${kind}.json`), JSON.stringify(made));
