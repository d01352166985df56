import { inject } from "vitest";
import { startEmbeddedPostgres } from "../../platform/database/embedded-postgres.ts";
import { createScratchDatabase } from "../../platform/database/scratch-database.ts";
import { readDataDirDump, type DatabaseState } from "./database-templates.ts";

export type { DatabaseState };

export interface TestDatabase {
  readonly url: string;
  /** Which kind of Postgres the run uses, for test names and messages. */
  readonly kind: "server" | "embedded";
  dispose(): Promise<void>;
}

/**
 * A database of its own for a test, copied from the run's templates
 * (`database-templates.ts`): empty, migrated, or migrated and seeded with
 * the page's data. A new database on the server `DATABASE_URL` names when it
 * is set, otherwise a new in-memory embedded Postgres.
 */
export async function createTestDatabase(state: DatabaseState = "empty"): Promise<TestDatabase> {
  const templates = inject("databaseTemplates");
  if (templates.kind === "server") {
    const template = state === "empty" ? undefined : templates[state];
    const scratch = await createScratchDatabase(templates.serverUrl, "liaison_test", { template });
    return { url: scratch.url, kind: "server", dispose: scratch.drop };
  }
  const embedded = await startEmbeddedPostgres({ loadDataDir: await readDataDirDump(templates[state]) });
  return { url: embedded.url, kind: "embedded", dispose: embedded.stop };
}
