import { startEmbeddedPostgres } from "../../platform/database/embedded-postgres.ts";
import { createScratchDatabase } from "../../platform/database/scratch-database.ts";

export interface TestDatabase {
  readonly url: string;
  /** Which kind of Postgres the run uses, for test names and messages. */
  readonly kind: "server" | "embedded";
  dispose(): Promise<void>;
}

/**
 * A fresh, empty database: a new database on the server `DATABASE_URL`
 * names when it is set, otherwise a new in-memory embedded Postgres.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const scratch = await createScratchDatabase(serverUrl, "liaison_test");
    return { url: scratch.url, kind: "server", dispose: scratch.drop };
  }
  const embedded = await startEmbeddedPostgres();
  return { url: embedded.url, kind: "embedded", dispose: embedded.stop };
}
