import { createHash } from "node:crypto";
import { cpSync, existsSync, readdirSync, readFileSync } from "node:fs";
import { readdir, rename, rm } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmbeddedPostgres, writeDataDirectory } from "../platform/database/embedded-postgres.ts";
import { localStateDirectory } from "../platform/database/paths.ts";

// A data directory made once, after install: initialised, migrated and
// seeded. A new embedded database is a copy of it, which takes a fraction
// of a second, where initdb alone takes seconds in WebAssembly. Its name is
// a digest of what made it (PGlite's version, the migrations, the seed data
// and the page they cite), so a change to any of them is never served from
// an old copy: the first start after such a change makes a new template.

const root = fileURLToPath(new URL("../", import.meta.url));
const templatesDirectory = join(localStateDirectory, "embedded-templates");

/**
 * Makes the template for the code as it is, unless it exists, with
 * `prepare` (prepareDatabase) bringing a new database up to date; answers
 * where it is.
 */
export async function makeEmbeddedTemplate(prepare: (databaseUrl: string) => Promise<unknown>): Promise<string> {
  const path = join(templatesDirectory, templateDigest());
  if (existsSync(path)) return path;
  const inMemory = await startEmbeddedPostgres();
  let dump: Blob;
  try {
    await prepare(inMemory.url);
    dump = await inMemory.dumpDataDir();
  } finally {
    await inMemory.stop();
  }
  // Written aside and renamed, so no start copies half a template; a
  // process making the same one meanwhile leaves its own aside.
  const partial = `${path}.${process.pid}${PARTIAL}`;
  await writeDataDirectory(dump, partial);
  for (const older of await readdir(templatesDirectory)) {
    if (!older.endsWith(PARTIAL)) await rm(join(templatesDirectory, older), { recursive: true, force: true });
  }
  try {
    await rename(partial, path);
  } catch (error) {
    if (!existsSync(path)) throw error;
    await rm(partial, { recursive: true, force: true });
  }
  return path;
}

const PARTIAL = ".partial";

/**
 * Copies the template into `dataDir`, which must be new; false when there
 * is no template for the code as it is. Synchronous, and in a fraction of a
 * second, so that a start begins with it before loading anything else
 * (Node's synchronous copy is native, and many times faster than
 * fs.promises.cp).
 */
export function copyEmbeddedTemplate(dataDir: string): boolean {
  const path = join(templatesDirectory, templateDigest());
  if (!existsSync(path)) return false;
  cpSync(path, dataDir, { recursive: true });
  return true;
}

function templateDigest(): string {
  const pglite = new URL("../package.json", import.meta.resolve("@electric-sql/pglite"));
  const digest = createHash("sha256").update(readFileSync(pglite));
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
