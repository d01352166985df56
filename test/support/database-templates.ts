import { readFile } from "node:fs/promises";

/** What a test database holds when a test gets it. */
export type DatabaseState = "empty" | "migrated" | "seeded";

/**
 * Where test databases are copied from, found by
 * `make-database-templates.ts`: template databases made for the run on the
 * server `DATABASE_URL` names, or the data directories of the install's
 * embedded template, so that no test file waits for Postgres to
 * initialise, every migration to run and the seed to load.
 */
export type DatabaseTemplates = (
  | { kind: "server"; serverUrl: string; migrated: string; seeded: string }
  | { kind: "embedded"; empty: string; migrated: string; seeded: string }
) & {
  /**
   * A dump of a freshly initialised embedded Postgres, which every
   * in-memory instance a test starts begins from, on a server run too (a
   * new migration's shadow database is always embedded).
   */
  freshEmbedded: string;
};

declare module "vitest" {
  export interface ProvidedContext {
    databaseTemplates: DatabaseTemplates;
  }
}

/** What one run of make-database-templates.ts makes. */
export type TemplateKind = "server" | "embedded" | "fresh-embedded";

/** A dumped data directory, as embedded Postgres loads it. */
export async function readDataDirDump(path: string): Promise<Blob> {
  return new Blob([await readFile(path)]);
}
