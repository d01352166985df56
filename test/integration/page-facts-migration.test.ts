import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../platform/database/migrations.ts";
import { prismaMigrationsDirectory } from "../../platform/database/paths.ts";
import { createPrismaClient } from "../../platform/database/prisma.ts";
import { seedDatabase } from "../../supergraph/seed.ts";
import { agencies } from "../../subgraphs/agencies/seed-data.ts";
import { relationships } from "../../subgraphs/relationships/seed-data.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

// A directory seeded before Liaison kept sources holds facts the page does
// not give. Migrating it brings the rows no editor changed to the page's
// facts, with their sources, and leaves editors' changes alone.

/** The first migration that knows about sources; the database is seeded as it was just before it. */
const FIRST_WITH_SOURCES = "20261202064500_sources";

let database: TestDatabase;
let client: pg.Client;
let directory: string;

const one = async <Row>(sql: string, values: unknown[] = []) => (await client.query(sql, values)).rows[0] as Row;

beforeAll(async () => {
  database = await createTestDatabase();
  directory = await mkdtemp(join(tmpdir(), "liaison-page-facts-"));
  const names = (await readdir(prismaMigrationsDirectory, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  for (const name of names.filter((each) => each < FIRST_WITH_SOURCES)) {
    await cp(join(prismaMigrationsDirectory, name), join(directory, name), { recursive: true });
  }
  await cp(join(prismaMigrationsDirectory, "migration_lock.toml"), join(directory, "migration_lock.toml"));
  await applyMigrations(database.url, { migrationsDirectory: directory });
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  // Rows as the seed wrote them then, and an editor's change to two of them.
  await client.query(`
    INSERT INTO agencies.agency (id, slug, name, short_name, kind, jurisdiction, description, version, updated_at) VALUES
      (gen_random_uuid(), 'mi5', 'Security Service', 'MI5', 'INTELLIGENCE_AGENCY', 'UNITED_KINGDOM', 'The UK''s domestic security intelligence agency.', 1, now()),
      (gen_random_uuid(), 'met', 'Metropolitan Police Service', 'Met', 'POLICE_FORCE', 'LONDON', 'The territorial police force for Greater London.', 1, now()),
      (gen_random_uuid(), 'fco', 'Foreign Office, as an editor calls it', 'FCO', 'GOVERNMENT_DEPARTMENT', 'UNITED_KINGDOM', 'Changed by an editor.', 2, now()),
      (gen_random_uuid(), 'armed-services', 'Armed services', NULL, 'ARMED_SERVICE', 'UNITED_KINGDOM', 'The Royal Navy, the British Army and the Royal Air Force.', 1, now());
    INSERT INTO relationships.relationship (id, from_agency_id, to_agency_id, kind, closeness, mutual, status, description, version, updated_at)
      SELECT gen_random_uuid(), mi5.id, met.id, 'SERIOUS_CRIME_SUPPORT', NULL, false, 'SUSPENDED', 'Support no one else could give.', 1, now()
        FROM agencies.agency mi5, agencies.agency met WHERE mi5.slug = 'mi5' AND met.slug = 'met';
    INSERT INTO relationships.relationship (id, from_agency_id, to_agency_id, kind, closeness, mutual, status, description, version, updated_at)
      SELECT gen_random_uuid(), mi5.id, fco.id, 'STRONG_LINKS', 'STRONG_LINKS', true, 'ACTIVE', 'An editor''s words.', 3, now()
        FROM agencies.agency mi5, agencies.agency fco WHERE mi5.slug = 'mi5' AND fco.slug = 'fco';
    INSERT INTO news.article (id, slug, title, summary, published_at, published_at_precision, tags, version, updated_at) VALUES
      (gen_random_uuid(), 'mi5-supports-national-inclusion-week', 'MI5 supports National Inclusion Week', 'Inclusion at work.', '2019-09-23', 'MONTH', '{inclusion,diversity}', 1, now());
    INSERT INTO threat.emergency_contact (id, slug, name, phone_number, purpose, position, updated_at) VALUES
      (gen_random_uuid(), 'emergency-999', 'Emergency services', '999', 'When life is in danger.', 0, now());
  `);
  await applyMigrations(database.url);
});

afterAll(async () => {
  await client?.end();
  await rm(directory, { recursive: true, force: true });
  await database?.dispose();
});

describe("migrating a directory seeded before sources", () => {
  it("brings agencies no editor changed to the page's names and facts, with their source", async () => {
    expect(await one(`SELECT name, short_name, jurisdiction, version, sourced, source_quote FROM agencies.agency WHERE slug = 'mi5'`)).toEqual({
      name: "MI5",
      short_name: "MI5",
      jurisdiction: "UNITED_KINGDOM",
      version: 2,
      sourced: true,
      source_quote: "MI5 works particularly closely",
    });
    expect(await one(`SELECT name, short_name, jurisdiction, description, sourced FROM agencies.agency WHERE slug = 'met'`)).toEqual({
      name: "Metropolitan Police",
      short_name: null,
      jurisdiction: null,
      description: null,
      sourced: true,
    });
    const aliases = await client.query(
      `SELECT alias.name, alias.sourced FROM agencies.agency_alias alias JOIN agencies.agency a ON a.id = alias.agency_id WHERE a.slug = 'met' ORDER BY alias.name`,
    );
    expect(aliases.rows).toEqual([{ name: "Met", sourced: false }, { name: "Metropolitan Police Service", sourced: false }]);
  });

  it("leaves what editors changed as they left it, unsourced", async () => {
    expect(await one(`SELECT name, version, sourced, source_quote FROM agencies.agency WHERE slug = 'fco'`)).toEqual({
      name: "Foreign Office, as an editor calls it",
      version: 2,
      sourced: false,
      source_quote: null,
    });
    expect(await one(`SELECT description, version, sourced FROM relationships.relationship WHERE kind = 'STRONG_LINKS'`)).toEqual({
      description: "An editor's words.",
      version: 3,
      sourced: false,
    });
  });

  it("gives the suspension the page's reason, and adds the link to the armed services", async () => {
    expect(await one(`SELECT suspension_reason, qualifiers, sourced FROM relationships.relationship WHERE kind = 'SERIOUS_CRIME_SUPPORT'`)).toEqual({
      suspension_reason: "Other operational priorities",
      qualifiers: "{UNIQUE}",
      sourced: true,
    });
    const partner = await one<{ id: string; sourced: boolean; source_section: string }>(
      `SELECT link.id, link.sourced, link.source_section FROM relationships.relationship link
         JOIN agencies.agency a ON a.id = link.to_agency_id WHERE a.slug = 'armed-services' AND link.kind = 'PARTNER'`,
    );
    expect(partner).toMatchObject({ sourced: true, source_section: "Law enforcement agencies and the armed services" });
    // A UUIDv7, as every other id, so that recorded order holds.
    expect(partner.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("takes away the date the page does not give, and the name it does not give 999", async () => {
    expect(await one(`SELECT published_at, published_at_precision, tags, sourced FROM news.article`)).toEqual({
      published_at: null,
      published_at_precision: null,
      tags: ["inclusion"],
      sourced: true,
    });
    expect(await one(`SELECT name, sourced FROM threat.emergency_contact WHERE slug = 'emergency-999'`)).toEqual({ name: null, sourced: true });
  });

  it("then seeds what is missing without repeating what the migration wrote", async () => {
    const prisma = createPrismaClient(database.url, { poolSize: 1 });
    try {
      await seedDatabase(prisma);
      expect(await prisma.agency.count()).toBe(agencies.length);
      expect(await prisma.relationship.count()).toBe(relationships.length);
      expect(await prisma.agency.count({ where: { sourced: false } })).toBe(1);
    } finally {
      await prisma.$disconnect();
    }
  });
});
