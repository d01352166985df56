import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectionPoolOf, createPrismaClient } from "../../platform/database/prisma.ts";
import { countAgencies, findAgenciesByIds, findAgencyBySlug, listAgencies } from "../../subgraphs/agencies/agency-store.ts";
import { findArticlesByIds, findLatestArticlesByAgency } from "../../subgraphs/news/news-store.ts";
import { findCurrentAssessments } from "../../subgraphs/threat/threat-store.ts";
import { startTestSupergraph, type TestSupergraph } from "../support/test-supergraph.ts";

// The hottest reads skip Prisma's query building (readRows in
// platform/database/prisma.ts) and name each column as the model does; they
// must answer exactly what Prisma answers for the same rows.

let liaison: TestSupergraph;

beforeAll(async () => {
  liaison = await startTestSupergraph();
});
afterAll(() => liaison?.stop());

describe("reads straight on the pool", () => {
  it("answer every agency as Prisma does, by id in the order asked and by slug", async () => {
    const { prisma } = liaison;
    const agencies = await prisma.agency.findMany({ orderBy: { name: "desc" } });
    const missing = "00000000-0000-7000-8000-000000000000";
    expect(await findAgenciesByIds(prisma, [...agencies.map((agency) => agency.id), missing])).toEqual([...agencies, null]);
    for (const agency of agencies) expect(await findAgencyBySlug(prisma, agency.slug)).toEqual(agency);
    expect(await findAgencyBySlug(prisma, "no-such-agency")).toBeNull();
  });

  it("list and count agencies as Prisma does, by every filter, from a cursor either way", async () => {
    const { prisma } = liaison;
    const filters = [{}, { kind: "POLICE_FORCE" as const }, { jurisdiction: "SCOTLAND" as const }, { search: "police" }, { search: "mi6" }, { includeArchived: true }];
    for (const filter of filters) {
      const where = {
        ...(!filter.includeArchived && { archivedAt: null }),
        ...(filter.kind && { kind: filter.kind }),
        ...(filter.jurisdiction && { jurisdiction: filter.jurisdiction }),
        ...(filter.search && {
          OR: [
            { name: { contains: filter.search, mode: "insensitive" as const } },
            { shortName: { contains: filter.search, mode: "insensitive" as const } },
            { aliases: { some: { name: { contains: filter.search, mode: "insensitive" as const } } } },
          ],
        }),
      };
      const all = await prisma.agency.findMany({ where, orderBy: [{ name: "asc" }, { id: "asc" }] });
      expect(all.length, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(await listAgencies(prisma, filter, { size: 100, take: 101, backward: false, key: undefined })).toEqual(all);
      expect(await countAgencies(prisma, filter)).toBe(all.length);
      const middle = all[Math.floor(all.length / 2)]!;
      const key: [string, string] = [middle.name, middle.id];
      expect(await listAgencies(prisma, filter, { size: 3, take: 4, backward: false, key })).toEqual(all.slice(all.indexOf(middle) + 1).slice(0, 4));
      expect(await listAgencies(prisma, filter, { size: 3, take: 4, backward: true, key })).toEqual(
        all.slice(0, all.indexOf(middle)).reverse().slice(0, 4),
      );
    }
  });

  it("answer every article as Prisma does, and each agency's latest", async () => {
    const { prisma } = liaison;
    const articles = await prisma.newsArticle.findMany({ orderBy: { slug: "asc" } });
    expect(articles.length).toBeGreaterThan(0);
    expect(await findArticlesByIds(prisma, articles.map((article) => article.id))).toEqual(articles);
    const mi5 = (await prisma.agency.findUniqueOrThrow({ where: { slug: "mi5" } })).id;
    const mentioning = await prisma.newsArticle.findMany({
      where: { mentions: { some: { agencyId: mi5 } }, withdrawnAt: null },
      orderBy: [{ publishedAt: { sort: "desc", nulls: "last" } }, { id: "desc" }],
      take: 2,
    });
    expect(mentioning.length).toBe(2);
    expect(await findLatestArticlesByAgency(prisma, [mi5], 2)).toEqual([mentioning]);
  });

  it("answer each scope's current threat assessment, the highest version, as Prisma does", async () => {
    const { prisma } = liaison;
    const admin = await liaison.tokenFor("admin");
    const set = await liaison.query(
      `mutation { setThreatLevel(input: { scope: NATIONAL, level: SUBSTANTIAL, reason: "A second assessment.", expectedVersion: 1, idempotencyKey: "hot-reads" }) { version } }`,
      {},
      { token: admin },
    );
    expect(set.body.data.setThreatLevel.version).toBe(2);
    const latest = (scope: "NATIONAL" | "NORTHERN_IRELAND") =>
      prisma.threatAssessment.findFirst({ where: { scope }, orderBy: { version: "desc" } });
    expect(await findCurrentAssessments(prisma, ["NORTHERN_IRELAND", "NATIONAL"])).toEqual([
      await latest("NORTHERN_IRELAND"),
      await latest("NATIONAL"),
    ]);
    expect((await latest("NATIONAL"))!.level).toBe("SUBSTANTIAL");
  });

  // Embedded Postgres has one backend, which no session can end.
  it.skipIf(!process.env.DATABASE_URL)("survive Postgres closing an idle connection that only they have used", async () => {
    const fresh = createPrismaClient(liaison.database.url, { poolSize: 1 });
    try {
      expect((await findAgencyBySlug(fresh, "mi5"))?.slug).toBe("mi5");
      const pool = connectionPoolOf(fresh)!;
      const [{ pid }] = (await pool.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows as [{ pid: number }];
      const closed = once(pool, "error");
      await liaison.prisma.$queryRawUnsafe("SELECT pg_terminate_backend($1::int)", pid);
      await closed;
      expect((await findAgencyBySlug(fresh, "mi5"))?.slug).toBe("mi5");
    } finally {
      await fresh.$disconnect();
    }
  });

  it("are counted among the statements a request sends", async () => {
    liaison.statements.length = 0;
    // A page and its count: the reads the agency directory in memory leaves to SQL.
    const { body } = await liaison.query(`{ agencies(first: 5) { totalCount edges { node { name } } } }`);
    expect(body.errors).toBeUndefined();
    expect(liaison.statements.filter((sql) => sql.includes("FROM agencies.agency"))).toHaveLength(2);
  });
});
