import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, createMigration } from "../../platform/database/migrations.ts";
import { prismaMigrationsDirectory, prismaSchemaDirectory } from "../../platform/database/paths.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const migrateScript = fileURLToPath(new URL("../../scripts/migrate.ts", import.meta.url));
const runningOnServer = Boolean(process.env.DATABASE_URL);

describe("migrations", () => {
  const databases: TestDatabase[] = [];
  const temporaryDirectories: string[] = [];
  let database: TestDatabase;
  let migrationNames: string[];

  async function freshDatabase(): Promise<TestDatabase> {
    const created = await createTestDatabase();
    databases.push(created);
    return created;
  }

  async function temporaryDirectory(): Promise<string> {
    const directory = await mkdtemp(join(tmpdir(), "liaison-migrations-"));
    temporaryDirectories.push(directory);
    return directory;
  }

  beforeAll(async () => {
    database = await freshDatabase();
    migrationNames = await listMigrationNames(prismaMigrationsDirectory);
  });

  afterAll(async () => {
    await Promise.all(databases.map((each) => each.dispose()));
    await Promise.all(
      temporaryDirectories.map((each) => rm(each, { recursive: true, force: true })),
    );
  });

  it("applies every migration, the initial one included, to an empty database", async () => {
    const { applied } = await applyMigrations(database.url);

    expect(applied).toEqual(migrationNames);
    expect(applied.filter((name) => /^\d{14}_agencies$/.test(name))).toHaveLength(1);
    const tables = await query<{ exists: boolean }>(
      database.url,
      `SELECT to_regclass('agencies.agency') IS NOT NULL AS exists`,
    );
    expect(tables).toEqual([{ exists: true }]);
  });

  it("applies nothing the second time", async () => {
    expect(await applyMigrations(database.url)).toEqual({ applied: [] });
  });

  it("records each migration once, finished, with the checksum Prisma computes", async () => {
    const rows = await query<{ migration_name: string; checksum: string; finished: boolean }>(
      database.url,
      `SELECT migration_name, checksum,
              finished_at IS NOT NULL AND rolled_back_at IS NULL AS finished
         FROM _prisma_migrations ORDER BY migration_name`,
    );

    const expected = await Promise.all(
      migrationNames.map(async (name) => ({
        migration_name: name,
        checksum: sha256(await readFile(join(prismaMigrationsDirectory, name, "migration.sql"))),
        finished: true,
      })),
    );
    expect(rows).toEqual(expected);
  });

  it("lets two concurrent calls on a new database both succeed", async () => {
    const { url } = await freshDatabase();

    const results = await Promise.all([applyMigrations(url), applyMigrations(url)]);

    expect(results.flatMap(({ applied }) => applied).sort()).toEqual(migrationNames);
    expect(await countMigrationRows(url)).toBe(migrationNames.length);
  });

  // PGlite serves all its connections from one session, in which advisory
  // locks exclude nothing, so only a real server can serialise processes.
  it.skipIf(!runningOnServer)(
    "lets two processes migrate a new database at once, applying each migration once",
    async () => {
      const { url } = await freshDatabase();

      const runs = await Promise.all([runMigrateScript(url), runMigrateScript(url)]);

      expect(runs.join("\n")).toContain(migrationNames[0]);
      expect(runs.join("\n")).toContain("No pending migrations");
      expect(await countMigrationRows(url)).toBe(migrationNames.length);
    },
  );

  it("creates no migration when the schema matches the migrations", async () => {
    const migrationsCopy = await copyOf(prismaMigrationsDirectory);

    expect(await createMigration("nothing", { migrationsDirectory: migrationsCopy })).toBeNull();
    expect(await listMigrationNames(migrationsCopy)).toEqual(migrationNames);
  }, 120_000);

  it("creates a migration that creates the Postgres schema of a new schema file", async () => {
    const migrationsCopy = await copyOf(prismaMigrationsDirectory);
    const schemaCopy = await copyOf(prismaSchemaDirectory);
    await addProbeSchema(schemaCopy);

    const migrationPath = await createMigration("AddProbe", {
      migrationsDirectory: migrationsCopy,
      schemaDirectory: schemaCopy,
    });

    expect(migrationPath).not.toBeNull();
    expect(basename(dirname(migrationPath!))).toMatch(/^\d{14}_add_probe$/);
    const script = await readFile(migrationPath!, "utf8");
    expect(script).toContain(`CREATE SCHEMA IF NOT EXISTS "probe";`);
    expect(script).toContain(`CREATE TABLE "probe"."probe"`);
    expect(script).not.toContain(`"agencies"`);
    const { applied } = await applyMigrations(database.url, {
      migrationsDirectory: migrationsCopy,
      schemaDirectory: schemaCopy,
    });
    expect(applied).toEqual([basename(dirname(migrationPath!))]);
  }, 120_000);

  async function copyOf(directory: string): Promise<string> {
    const copy = await temporaryDirectory();
    await cp(directory, copy, { recursive: true });
    return copy;
  }
});

async function addProbeSchema(schemaDirectory: string): Promise<void> {
  const clientSchemaPath = join(schemaDirectory, "client.prisma");
  const clientSchema = await readFile(clientSchemaPath, "utf8");
  const withProbe = clientSchema.replace(/schemas\s*=\s*\[/, `$&"probe", `);
  expect(withProbe).not.toBe(clientSchema);
  await writeFile(clientSchemaPath, withProbe);
  await writeFile(
    join(schemaDirectory, "probe.prisma"),
    `model Probe {\n  id Int @id\n\n  @@map("probe")\n  @@schema("probe")\n}\n`,
  );
}

async function listMigrationNames(migrationsDirectory: string): Promise<string[]> {
  const entries = await readdir(migrationsDirectory, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

async function runMigrateScript(databaseUrl: string): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [migrateScript],
    { env: { ...process.env, DATABASE_URL: databaseUrl } },
  );
  return stdout;
}

async function countMigrationRows(databaseUrl: string): Promise<number> {
  const [row] = await query<{ count: number }>(
    databaseUrl,
    `SELECT count(*)::int AS count FROM _prisma_migrations`,
  );
  return row!.count;
}

async function query<Row>(databaseUrl: string, sql: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Row[];
  } finally {
    await client.end();
  }
}

function sha256(content: Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}
