import { randomBytes } from "node:crypto";
import pg from "pg";

export interface ScratchDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

export interface ScratchDatabaseOptions {
  /** A database to copy (`CREATE DATABASE … TEMPLATE`); nothing may be connected to it. */
  template?: string;
}

/**
 * Creates a database on the server `serverUrl` points at, empty or a copy
 * of a template, named so that it cannot collide with another run's, and
 * drops it on request.
 */
export async function createScratchDatabase(
  serverUrl: string,
  prefix = "liaison_scratch",
  { template }: ScratchDatabaseOptions = {},
): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await withAdminClient(serverUrl, (client) =>
    client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`),
  );
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => dropDatabase(serverUrl, name),
  };
}

/** Drops a database, disconnecting whoever is still connected to it. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

async function withAdminClient<T>(
  serverUrl: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
