import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import { dropDatabase } from "../../platform/database/scratch-database.ts";
import type { DatabaseTemplates, TemplateKind } from "./database-templates.ts";

const script = fileURLToPath(new URL("make-database-templates.ts", import.meta.url));

/** Vitest's global setup for the integration project: makes the run's templates, and removes them afterwards. */
export default async function prepareDatabaseTemplates(project: TestProject): Promise<() => Promise<void>> {
  const directory = await mkdtemp(join(tmpdir(), "liaison-test-templates-"));
  let templates: DatabaseTemplates | undefined;
  const remove = async () => {
    if (templates?.kind === "server") {
      for (const name of [templates.seeded, templates.migrated]) await dropDatabase(templates.serverUrl, name);
    }
    await rm(directory, { recursive: true, force: true });
  };
  const make = async (kind: TemplateKind) => {
    await promisify(execFile)(process.execPath, [script, directory, kind], { env: process.env });
    return JSON.parse(await readFile(join(directory, `${kind}.json`), "utf8"));
  };
  const kinds: TemplateKind[] = process.env.DATABASE_URL ? ["server", "fresh-embedded"] : ["embedded"];
  const made = await Promise.allSettled(kinds.map(make));
  const merged: DatabaseTemplates = Object.assign({}, ...made.map((each) => (each.status === "fulfilled" ? each.value : {})));
  templates = merged;
  const failure = made.find((each) => each.status === "rejected");
  if (failure) {
    await remove();
    throw failure.reason;
  }
  project.provide("databaseTemplates", merged);
  return remove;
}
