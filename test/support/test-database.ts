import { cpSync } from "node:fs";
import { rm } from "node:fs/promises";
import { inject } from "vitest";
import { startEmbeddedPostgres } from "../../platform/database/embedded-postgres.ts";
import { createScratchDatabase } from "../../platform/database/scratch-database.ts";
import type { DatabaseState } from "./database-templates.ts";
import { scratchDirectory } from "./scratch-directory.ts";

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
 * is set, otherwise a new embedded Postgres on a copy of a template folder.
 */
export async function createTestDatabase(state: DatabaseState = "empty"): Promise<TestDatabase> {
  const templates = inject("databaseTemplates");
  if (templates.kind === "server") {
    const template = state === "empty" ? undefined : templates[state];
    const scratch = await createScratchDatabase(templates.serverUrl, "liaison_test", { template });
    return { url: scratch.url, kind: "server", dispose: scratch.drop };
  }
  const dataDir = await scratchDirectory("liaison-test-db-");
  cpSync(templates[state], dataDir, { recursive: true });
  const embedded = await startEmbeddedPostgres({ dataDir });
  return {
    url: embedded.url,
    kind: "embedded",
    async dispose() {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
