import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase } from "../../supergraph/prepare-database.ts";
import { createPrismaClient } from "../../platform/database/prisma.ts";
import { needsSeeding, seedDatabase } from "../../supergraph/seed.ts";
import { seed as agenciesSeed } from "../../subgraphs/agencies/seed.ts";
import { subgraphs } from "../../supergraph/registry.ts";
import { withErrorLog } from "../support/error-log.ts";
import { createTestDatabase } from "../support/test-database.ts";
import { startTestSupergraph, type TestSupergraph } from "../support/test-supergraph.ts";
import { DASHBOARD } from "../support/dashboard-operation.ts";

// A dashboard's operations, each reaching several subgraphs through the gateway.

let liaison: TestSupergraph;

beforeAll(async () => {
  liaison = await startTestSupergraph();
});
afterAll(() => liaison?.stop());

describe("one operation across the subgraphs", () => {
  it("returns the national threat level with its meaning, MI5's partners, and the latest news that mentions MI5", async () => {
    const response = await liaison.query(DASHBOARD);
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    const { partners, ...mi5 } = response.body.data.agency;
    expect(partners.map((partner: { slug: string }) => partner.slug)).toEqual(
      expect.arrayContaining(["home-office", "fco", "sis", "gchq", "met", "psni", "police-scotland", "nca", "border-force"]),
    );
    expect(partners.find((partner: { slug: string }) => partner.slug === "sis").name).toBe("Secret Intelligence Service");
    expect({ ...response.body.data, agency: mi5 }).toEqual({
      threatLevel: { level: "SEVERE", meaning: "An attack is highly likely.", since: null },
      emergencyContacts: [
        { name: null, phoneNumber: "999" },
        { name: "Anti-Terrorist Hotline", phoneNumber: "0800 789 321" },
      ],
      agency: {
        name: "MI5",
        news: [
          {
            title: "September 2019 release of historical MI5 files",
            publishedAt: null,
            publicationDate: "2019-09",
            mentions: [{ slug: "mi5" }, { slug: "national-archives" }],
          },
          {
            title: "MI5 supports National Inclusion Week",
            publishedAt: null,
            publicationDate: null,
            mentions: [{ slug: "mi5" }],
          },
        ],
      },
    });
  });
});

describe("cache hints through the gateway", () => {
  it("keep the shortest maxAge of the subgraphs an operation reads", async () => {
    const response = await liaison.query(`{
      threatLevel { level meaning }
      emergencyContacts { phoneNumber }
      news(first: 3) { edges { node { title mentions { id } } } }
    }`);
    expect(response.body.errors).toBeUndefined();
    expect(response.headers.get("cache-control")).toBe("max-age=30, public");
  });

  it("allow only private caching of a signed-in caller's response", async () => {
    const response = await liaison.query(`{ threatLevel { level } }`, undefined, { token: await liaison.tokenFor("reader") });
    expect(response.body.errors).toBeUndefined();
    expect(response.headers.get("cache-control")).toBe("max-age=60, private");
  });

  it("forbid caching an operation that reads a field without a hint", async () => {
    // The agencies subgraph declares no hints, so its fields are uncacheable.
    const response = await liaison.query(DASHBOARD);
    expect(response.body.errors).toBeUndefined();
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});

describe("gateway health", () => {
  it("reports every subgraph", async () => {
    const response = await fetch(new URL("/health", liaison.supergraph.gateway.url));
    expect(response.status).toBe(200);
    const report = await response.json();
    expect(Object.keys(report.subgraphs).sort()).toEqual(subgraphs.map(({ name }) => name).sort());
  });
});

describe("the seed", () => {
  it("writes nothing when run again, and is not needed again", async () => {
    const prisma = createPrismaClient(liaison.database.url, { poolSize: 1 });
    try {
      const snapshot = () =>
        Promise.all([
          prisma.newsArticle.findMany({ include: { mentions: true }, orderBy: { id: "asc" } }),
          prisma.claim.findMany({ orderBy: { id: "asc" } }),
          prisma.threatAssessment.findMany({ orderBy: { id: "asc" } }),
          prisma.emergencyContact.findMany({ orderBy: { id: "asc" } }),
        ]);
      const before = await snapshot();
      expect(await needsSeeding(prisma)).toBe(false);
      await seedDatabase(prisma);
      expect(await snapshot()).toEqual(before);
    } finally {
      await prisma.$disconnect();
    }
  });

  it("is completed at start-up for a database seeded before news and threat existed", async () => {
    const database = await createTestDatabase("migrated");
    const prisma = createPrismaClient(database.url, { poolSize: 1 });
    try {
      await agenciesSeed.run(prisma);
      expect(await needsSeeding(prisma)).toBe(true);
      expect(await prepareDatabase(database.url)).toMatchObject({ seeded: true });
      expect(await prisma.newsArticle.count()).toBe(2);
      expect(await prisma.threatAssessment.count()).toBe(1);
    } finally {
      await prisma.$disconnect();
      await database.dispose();
    }
  });
});

describe("a subgraph outage", () => {
  // A supergraph of its own, since the test stops one of its subgraphs.
  let outage: TestSupergraph;
  beforeAll(async () => {
    outage = await startTestSupergraph();
  });
  afterAll(() => outage?.stop());

  it("gives partial data and an error, not data: null", async () => {
    await outage.supergraph.subgraphs.news!.stop();
    const { result: response, logged } = await withErrorLog(() => outage.query(DASHBOARD));
    // The gateway logs the failed fetch.
    expect(logged.join("\n")).toMatch(/ECONNREFUSED/);
    expect(response.body.data).toMatchObject({
      threatLevel: { level: "SEVERE" },
      agency: { name: "MI5", news: null },
    });
    expect(response.body.errors?.length).toBeGreaterThan(0);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});
