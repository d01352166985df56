import pg from "pg";
import { startEmbeddedPostgres } from "../platform/database/embedded-postgres.ts";
import { applyMigrations } from "../platform/database/migrations.ts";
import { createPrismaClient } from "../platform/database/prisma.ts";
import { createScratchDatabase } from "../platform/database/scratch-database.ts";
import { seedDatabase } from "../supergraph/seed.ts";

/** "page": only the page's seed data; a number: a generated directory of that many agencies. */
export type Scale = "page" | number;

export const LOCAL_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

export function parseScale(text: string): Scale {
  if (text === "page") return "page";
  const count = Number(text.replace(/_/g, ""));
  if (!Number.isInteger(count) || count < 1) throw new Error(`A scale is "page" or a number of agencies, not "${text}".`);
  return count;
}

export function scaleLabel(scale: Scale): string {
  return scale === "page" ? "page" : String(scale);
}

export interface BenchDatabase {
  readonly url: string;
  readonly kind: "server" | "embedded";
  /** Rows per table after seeding and generating, e.g. { "agencies.agency": 10000 }. */
  readonly rows: Record<string, number>;
  readonly secondsToPrepare: number;
  dispose(): Promise<void>;
}

export interface DatabaseOptions {
  /** A Postgres server to create a scratch database on; embedded Postgres when undefined. */
  serverUrl: string | undefined;
}

/**
 * A fresh database at a scale: migrated, seeded with the page's data, and for
 * a numeric scale filled up to that many agencies with generated ones, each
 * with about five relationships, and news mentioning them (for the subgraphs
 * that exist). Generation is deterministic, so runs compare.
 */
export async function prepareDirectory(scale: Scale, options: DatabaseOptions): Promise<BenchDatabase> {
  const started = performance.now();
  const database = await freshDatabase(options);
  try {
    await applyMigrations(database.url);
    const prisma = createPrismaClient(database.url, { poolSize: 2, statementTimeoutMs: 0 });
    try {
      await seedDatabase(prisma);
    } finally {
      await prisma.$disconnect();
    }
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      if (scale !== "page") await generateDirectory(client, scale);
      await client.query("ANALYZE");
      const rows = await countRows(client);
      return { ...database, rows, secondsToPrepare: (performance.now() - started) / 1000 };
    } finally {
      await client.end();
    }
  } catch (error) {
    await database.dispose();
    throw error;
  }
}

async function freshDatabase({ serverUrl }: DatabaseOptions) {
  if (serverUrl) {
    const scratch = await createScratchDatabase(serverUrl, "liaison_bench");
    return { url: scratch.url, kind: "server" as const, dispose: scratch.drop };
  }
  const embedded = await startEmbeddedPostgres();
  return { url: embedded.url, kind: "embedded" as const, dispose: embedded.stop };
}

/** Whether a Postgres server answers at `url`. */
export async function serverAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

// ---- Generated directories ----

const KINDS = [
  "INTELLIGENCE_AGENCY",
  "GOVERNMENT_DEPARTMENT",
  "POLICE_FORCE",
  "LAW_ENFORCEMENT_AGENCY",
  "ARMED_SERVICE",
  "FOREIGN_SERVICE",
  "OTHER",
] as const;
const JURISDICTIONS = [
  "UNITED_KINGDOM",
  "GREAT_BRITAIN",
  "ENGLAND_AND_WALES",
  "SCOTLAND",
  "NORTHERN_IRELAND",
  "LONDON",
  "OVERSEAS",
] as const;
const PLACES = [
  "Northern", "Southern", "Eastern", "Western", "Central", "Coastal", "Highland", "Metropolitan",
  "Regional", "National", "Border", "Island", "Valley", "County", "Joint", "Allied",
];
const DOMAINS = [
  "Intelligence", "Security", "Policing", "Cyber", "Customs", "Maritime", "Counter-Terrorism",
  "Resilience", "Protective", "Signals", "Liaison", "Investigations", "Transport", "Energy",
];
const UNITS = ["Agency", "Directorate", "Service", "Bureau", "Command", "Office", "Unit", "Authority"];

/** A small, fast, seeded PRNG (mulberry32): the same directory every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)]!;
}

/** A UUID made from a number, so generated ids are the same every run. */
export function generatedId(namespace: number, index: number): string {
  const hex = index.toString(16).padStart(12, "0");
  return `b3e70000-0000-4000-8${namespace.toString(16).padStart(3, "0")}-${hex}`;
}

export interface GeneratedAgency {
  id: string;
  slug: string;
}

/**
 * Fills the database up to `total` agencies, then hands every agency to the
 * generators of the other subgraphs' data. One INSERT … SELECT FROM unnest()
 * per table: 10,000 agencies and 50,000 relationships take seconds.
 */
async function generateDirectory(client: pg.Client, total: number): Promise<void> {
  const random = seededRandom(20_260_127);
  const existing = await client.query<{ count: string }>("SELECT count(*) FROM agencies.agency");
  const toGenerate = Math.max(0, total - Number(existing.rows[0]!.count));
  const rows = Array.from({ length: toGenerate }, (_, index) => {
    const number = index + 1;
    const name = `${pick(random, PLACES)} ${pick(random, DOMAINS)} ${pick(random, UNITS)} ${number}`;
    return {
      id: generatedId(1, number),
      slug: `agency-${number}`,
      name,
      shortName: random() < 0.6 ? `G${number}` : null,
      kind: pick(random, KINDS),
      jurisdiction: pick(random, JURISDICTIONS),
      description: `A generated organisation for benchmarks: ${name.toLowerCase()}.`,
    };
  });
  if (rows.length) {
    await client.query(
      `INSERT INTO agencies.agency (id, slug, name, short_name, kind, jurisdiction, description, updated_at)
       SELECT id, slug, name, short_name, kind::agencies."AgencyKind", jurisdiction::agencies."Jurisdiction", description, now()
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
         AS t(id, slug, name, short_name, kind, jurisdiction, description)`,
      [
        rows.map((row) => row.id),
        rows.map((row) => row.slug),
        rows.map((row) => row.name),
        rows.map((row) => row.shortName),
        rows.map((row) => row.kind),
        rows.map((row) => row.jurisdiction),
        rows.map((row) => row.description),
      ],
    );
  }
  const agencies = await client.query<GeneratedAgency>("SELECT id, slug FROM agencies.agency ORDER BY slug");
  for (const generate of await generatorsForExistingSchemas(client)) {
    await generate(client, agencies.rows, random);
  }
}

type Generator = (client: pg.Client, agencies: GeneratedAgency[], random: () => number) => Promise<void>;

/**
 * Data for the other subgraphs, each written for its own tables; a generator
 * runs only when its Postgres schema exists (its subgraph has landed).
 */
const generators: Record<string, Generator> = {
  relationships: generateRelationships,
  news: generateNews,
};

const RELATIONSHIPS_PER_AGENCY = 5;
const RELATIONSHIP_KINDS = [
  "WORKS_CLOSELY", "STRONG_LINKS", "PROTECTIVE_SECURITY_ADVICE", "MUTUAL_ASSISTANCE", "INTELLIGENCE_CUSTOMER",
  "WORKS_WITH", "RECEIVES_HELP", "INTELLIGENCE_ASSESSMENTS", "JOINT_INVESTIGATIONS", "SERIOUS_CRIME_SUPPORT", "RELIES_ON",
] as const;
const CLOSENESS = ["PARTICULARLY_CLOSE", "VERY_CLOSE", "CLOSE_PARTNERSHIP", "CLOSE", "STRONG_LINKS"] as const;

/** Five links from every agency to others picked at random (so about ten per agency, either end). */
async function generateRelationships(client: pg.Client, agencies: GeneratedAgency[], random: () => number) {
  const rows: { from: string; to: string; kind: string; closeness: string | null; mutual: boolean; status: string; since: string | null }[] = [];
  const seen = new Set<string>();
  for (const from of agencies) {
    for (let made = 0, tries = 0; made < RELATIONSHIPS_PER_AGENCY && tries < 50; tries++) {
      const to = pick(random, agencies);
      const kind = pick(random, RELATIONSHIP_KINDS);
      const key = `${from.id}/${to.id}/${kind}`;
      if (to.id === from.id || seen.has(key)) continue;
      seen.add(key);
      made++;
      rows.push({
        from: from.id,
        to: to.id,
        kind,
        closeness: random() < 0.5 ? pick(random, CLOSENESS) : null,
        mutual: random() < 0.3,
        status: random() < 0.9 ? "ACTIVE" : "SUSPENDED",
        since: random() < 0.7 ? String(1990 + Math.floor(random() * 35)) : null,
      });
    }
  }
  await client.query(
    `INSERT INTO relationships.relationship
       (id, from_agency_id, to_agency_id, kind, closeness, mutual, status, since, description, updated_at)
     SELECT id, from_agency_id, to_agency_id, kind::relationships."RelationshipKind",
            closeness::relationships."Closeness", mutual, status::relationships."RelationshipStatus",
            since, 'A generated link for benchmarks.', now()
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::boolean[], $7::text[], $8::text[])
       AS t(id, from_agency_id, to_agency_id, kind, closeness, mutual, status, since)
     ON CONFLICT DO NOTHING`,
    [
      rows.map((_, index) => generatedId(2, index + 1)),
      rows.map((row) => row.from),
      rows.map((row) => row.to),
      rows.map((row) => row.kind),
      rows.map((row) => row.closeness),
      rows.map((row) => row.mutual),
      rows.map((row) => row.status),
      rows.map((row) => row.since),
    ],
  );
}

/** An article per two agencies, each mentioning one to three of them; one in ten mentions the focus agency too. */
async function generateNews(client: pg.Client, agencies: GeneratedAgency[], random: () => number) {
  const focus = agencies.find((agency) => agency.slug === "mi5");
  const count = Math.max(10, Math.floor(agencies.length / 2));
  const start = Date.UTC(2015, 0, 1);
  const span = Date.UTC(2025, 0, 1) - start;
  const articles = Array.from({ length: count }, (_, index) => {
    const number = index + 1;
    const mentioned = new Set<string>();
    const mentions = 1 + Math.floor(random() * 3);
    while (mentioned.size < mentions) mentioned.add(pick(random, agencies).id);
    if (focus && random() < 0.1) mentioned.add(focus.id);
    return {
      id: generatedId(3, number),
      slug: `bench-article-${number}`,
      title: `Generated article ${number}`,
      summary: `A generated news item for benchmarks, number ${number}.`,
      publishedAt: new Date(start + Math.floor(random() * span / 60_000) * 60_000),
      mentions: [...mentioned],
    };
  });
  await client.query(
    `INSERT INTO news.article (id, slug, title, summary, published_at, updated_at)
     SELECT id, slug, title, summary, published_at, now()
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
       AS t(id, slug, title, summary, published_at)`,
    [
      articles.map((a) => a.id),
      articles.map((a) => a.slug),
      articles.map((a) => a.title),
      articles.map((a) => a.summary),
      articles.map((a) => a.publishedAt),
    ],
  );
  const mentions = articles.flatMap((article) => article.mentions.map((agencyId) => [article.id, agencyId] as const));
  await client.query(
    `INSERT INTO news.article_mention (article_id, agency_id)
     SELECT * FROM unnest($1::uuid[], $2::uuid[])`,
    [mentions.map(([article]) => article), mentions.map(([, agency]) => agency)],
  );
}

async function generatorsForExistingSchemas(client: pg.Client): Promise<Generator[]> {
  const { rows } = await client.query<{ schema_name: string }>(
    "SELECT schema_name FROM information_schema.schemata",
  );
  const schemas = new Set(rows.map((row) => row.schema_name));
  return Object.entries(generators)
    .filter(([schema]) => schemas.has(schema))
    .map(([, generate]) => generate);
}

async function countRows(client: pg.Client): Promise<Record<string, number>> {
  const { rows } = await client.query<{ schemaname: string; relname: string; n_live_tup: string }>(
    `SELECT schemaname, relname, n_live_tup FROM pg_stat_user_tables
     WHERE schemaname NOT IN ('public') ORDER BY schemaname, relname`,
  );
  const counts: Record<string, number> = {};
  for (const row of rows) {
    const exact = await client.query<{ count: string }>(
      `SELECT count(*) FROM "${row.schemaname}"."${row.relname}"`,
    );
    counts[`${row.schemaname}.${row.relname}`] = Number(exact.rows[0]!.count);
  }
  return counts;
}
