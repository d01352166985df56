import { createHash } from "node:crypto";
import { cpSync, existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../platform/database/embedded-postgres.ts";
import { localStateDirectory } from "../platform/database/paths.ts";

// Data directories made once, after install: a new database initialised,
// then migrated, then seeded. A new embedded database is a copy of the
// seeded one, which takes a fraction of a second, where initdb alone takes
// seconds in WebAssembly; the tests copy all three. The folder's name is a
// digest of what made it (PGlite's version, the migrations, the seed data
// and the page they cite), so a change to any of them is never served from
// an old copy: the first start after such a change makes a new template.

const root = fileURLToPath(new URL("../", import.meta.url));
const templatesDirectory = join(localStateDirectory, "embedded-templates");

/** Where each stage of a new database is kept. */
export interface EmbeddedTemplate {
  /** Initialised by initdb, nothing more. */
  initialised: string;
  /** `initialised` as a `dumpDataDir` copy, which an in-memory instance starts from. */
  initialisedDump: string;
  /** Every migration applied. */
  migrated: string;
  /** Migrated, and seeded with the page's data. */
  seeded: string;
}

/** Makes the template for the code as it is, unless it exists; answers where its stages are. */
export async function makeEmbeddedTemplate(): Promise<EmbeddedTemplate> {
  const path = join(templatesDirectory, templateDigest());
  if (existsSync(path)) return stagesIn(path);
  // Made aside and renamed, so no start copies half a template; a process
  // making the same one meanwhile makes its own aside.
  const partial = `${path}.${process.pid}${PARTIAL}`;
  try {
    await makeStagesIn(stagesIn(partial));
    for (const older of await readdir(templatesDirectory)) {
      if (!older.endsWith(PARTIAL)) await rm(join(templatesDirectory, older), { recursive: true, force: true });
    }
    await rename(partial, path);
  } catch (error) {
    if (!existsSync(path)) throw error;
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
  return stagesIn(path);
}

/** Each stage is the one before, copied, and taken one step further in a folder of its own. */
async function makeStagesIn(stages: EmbeddedTemplate): Promise<void> {
  const { migrateDatabase, seedDatabaseIfNeeded } = await import("./prepare-database.ts");
  await mkdir(stages.initialised, { recursive: true });
  await inDatabaseAt(stages.initialised, async (database) => {
    await writeFile(stages.initialisedDump, Buffer.from(await (await database.dumpDataDir()).arrayBuffer()));
  });
  cpSync(stages.initialised, stages.migrated, { recursive: true });
  await inDatabaseAt(stages.migrated, (database) => migrateDatabase(database.url));
  cpSync(stages.migrated, stages.seeded, { recursive: true });
  await inDatabaseAt(stages.seeded, (database) => seedDatabaseIfNeeded(database.url));
}

async function inDatabaseAt(dataDir: string, work: (database: EmbeddedPostgres) => Promise<unknown>): Promise<void> {
  const database = await startEmbeddedPostgres({ dataDir });
  try {
    await work(database);
  } finally {
    await database.stop();
  }
}

function stagesIn(path: string): EmbeddedTemplate {
  return {
    initialised: join(path, "initialised"),
    initialisedDump: join(path, "initialised.tar"),
    migrated: join(path, "migrated"),
    seeded: join(path, "seeded"),
  };
}

const PARTIAL = ".partial";

/**
 * Copies the template's seeded database into `dataDir`, which must be new;
 * false when there is no template for the code as it is. Synchronous, and in a fraction of a
 * second, so that a start begins with it before loading anything else
 * (Node's synchronous copy is native, and many times faster than
 * fs.promises.cp).
 */
export function copyEmbeddedTemplate(dataDir: string): boolean {
  const { seeded } = stagesIn(join(templatesDirectory, templateDigest()));
  if (!existsSync(seeded)) return false;
  cpSync(seeded, dataDir, { recursive: true });
  return true;
}

/** Changed with what a template's folder holds, so that a template of another layout is never read as this one. */
const LAYOUT = "initialised+migrated+seeded";

function templateDigest(): string {
  const pglite = new URL("../package.json", import.meta.resolve("@electric-sql/pglite"));
  const digest = createHash("sha256").update(LAYOUT).update(readFileSync(pglite));
  for (const file of templateInputs()) digest.update(relative(root, file)).update(readFileSync(file));
  return digest.digest("hex").slice(0, 16);
}

/** The files whose contents a template holds: every migration, each subgraph's seed, and the page. */
function templateInputs(): string[] {
  const filesUnder = (folder: string, wanted: (path: string) => boolean) =>
    readdirSync(join(root, folder), { recursive: true, encoding: "utf8" }).filter(wanted).map((path) => join(root, folder, path));
  const files = [
    ...filesUnder("prisma/migrations", (path) => path.endsWith(".sql")),
    ...filesUnder("subgraphs", (path) => /^[^/]+\/seed[^/]*\.ts$/.test(path)),
    ...filesUnder("source", (path) => /\.(ts|txt)$/.test(path)),
  ];
  return files.sort();
}
