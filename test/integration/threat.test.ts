import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import { seedDatabase } from "../../supergraph/seed.ts";
import { errorCode } from "../support/responses.ts";
import { startTestSupergraph, type TestSupergraph } from "../support/test-supergraph.ts";

let liaison: TestSupergraph;

/**
 * Earlier national assessments, recorded before the page's (versions 1 to 4,
 * the page's being 5), so that the history has pages to walk. Invented for
 * the test: the page gives only the current level.
 */
const EARLIER_NATIONAL_LEVELS = [
  { level: "SUBSTANTIAL", since: "2014-08-29T00:00:00.000Z" },
  { level: "CRITICAL", since: "2017-05-23T00:00:00.000Z" },
  { level: "SEVERE", since: "2017-05-27T00:00:00.000Z" },
  { level: "CRITICAL", since: "2017-09-15T00:00:00.000Z" },
] as const;

async function seedWithHistory(prisma: PrismaClient) {
  await prisma.threatAssessment.createMany({
    data: EARLIER_NATIONAL_LEVELS.map(({ level, since }, index) => ({
      scope: "NATIONAL" as const,
      level,
      version: index + 1,
      since: new Date(since),
      recordedAt: new Date(since),
    })),
  });
  await seedDatabase(prisma);
}

beforeAll(async () => {
  liaison = await startTestSupergraph({ seed: seedWithHistory });
});
afterAll(() => liaison?.stop());

const HISTORY = /* GraphQL */ `
  query History($scope: ThreatScope, $first: Int, $after: String) {
    threatLevelHistory(scope: $scope, first: $first, after: $after) {
      totalCount
      edges { cursor node { level since } }
      pageInfo { hasNextPage hasPreviousPage endCursor }
    }
  }
`;

describe("threat level", () => {
  it("is the page's national level, SEVERE, with its meaning; since when is not known", async () => {
    const response = await liaison.query(`{ threatLevel { scope level meaning since recordedAt sourced source { document section quote } } }`);
    expect(response.body.errors).toBeUndefined();
    const current = response.body.data.threatLevel;
    expect(current).toMatchObject({ scope: "NATIONAL", level: "SEVERE", meaning: "An attack is highly likely.", since: null });
    expect(current).toMatchObject({
      sourced: true,
      source: { document: "working-with-partners", section: null, quote: "Current national threat level: SEVERE" },
    });
    expect(Date.parse(current.recordedAt)).toBeGreaterThan(Date.parse(EARLIER_NATIONAL_LEVELS.at(-1)!.since));
  });

  it("answers null for Northern Ireland, which the page gives no level for", async () => {
    const response = await liaison.query(`{
      threatLevel(scope: NORTHERN_IRELAND) { level }
      threatLevelHistory(scope: NORTHERN_IRELAND) { totalCount edges { cursor } }
    }`);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({
      threatLevel: null,
      threatLevelHistory: { totalCount: 0, edges: [] },
    });
  });

  it("answers several scopes at once, from memory (current-threat-levels.test.ts)", async () => {
    liaison.statements.length = 0;
    const response = await liaison.query(`{
      national: threatLevel(scope: NATIONAL) { level }
      northernIreland: threatLevel(scope: NORTHERN_IRELAND) { level }
    }`);
    expect(response.body.data).toEqual({ national: { level: "SEVERE" }, northernIreland: null });
    expect(liaison.statements).toHaveLength(0);
  });

  it("refuses an unknown or null scope", async () => {
    for (const query of [`{ threatLevel(scope: SCOTLAND) { level } }`, `{ threatLevel(scope: null) { level } }`]) {
      const response = await liaison.query(query);
      expect(response.status, query).toBe(400);
      expect(errorCode(response), query).toBe("GRAPHQL_VALIDATION_FAILED");
    }
    const asVariable = await liaison.query(HISTORY, { scope: "national" });
    expect(asVariable.status).toBe(400);
    expect(errorCode(asVariable)).toBe("BAD_USER_INPUT");
  });

});

describe("threat level history", () => {
  async function history(variables: Record<string, unknown>) {
    const response = await liaison.query(HISTORY, variables);
    expect(response.body.errors).toBeUndefined();
    return response.body.data.threatLevelHistory;
  }

  it("lists a scope's assessments latest first, the current one at the top", async () => {
    const all = await history({});
    expect(all.totalCount).toBe(EARLIER_NATIONAL_LEVELS.length + 1);
    expect(all.edges.map((edge: any) => edge.node)).toEqual([
      { level: "SEVERE", since: null },
      ...[...EARLIER_NATIONAL_LEVELS].reverse(),
    ]);
  });

  it("walks every page without gaps or repeats", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await history({ first: 2, after });
      seen.push(...page.edges.map((edge: any) => edge.cursor));
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(EARLIER_NATIONAL_LEVELS.length + 1);
    expect(new Set(seen).size).toBe(seen.length);
  });

});

describe("emergency contacts", () => {
  it("are the page's two numbers, in its order, each with what it is for and where the page gives it", async () => {
    const response = await liaison.query(`{ emergencyContacts { name phoneNumber purpose sourced source { document section quote } } }`);
    expect(response.body.errors).toBeUndefined();
    const contacts = response.body.data.emergencyContacts;
    // The page gives 999 without a name.
    expect(contacts.map((contact: any) => [contact.name, contact.phoneNumber])).toEqual([
      [null, "999"],
      ["Anti-Terrorist Hotline", "0800 789 321"],
    ]);
    for (const contact of contacts) {
      expect(contact.purpose).toMatch(/imminent threat/);
      expect(contact).toMatchObject({ sourced: true, source: { document: "working-with-partners", section: null } });
      expect(contact.source.quote).toContain(contact.phoneNumber);
    }
  });
});

describe("cache hints", () => {
  it("let the gateway's response be cached for 60 seconds", async () => {
    for (const query of [
      `{ threatLevel { level meaning since } }`,
      `{ threatLevel(scope: NORTHERN_IRELAND) { level } }`,
      `{ emergencyContacts { name phoneNumber } threatLevels { level } }`,
      `{ threatLevelHistory(first: 2) { edges { node { level } } pageInfo { endCursor } totalCount } }`,
    ]) {
      const response = await liaison.query(query);
      expect(response.body.errors, query).toBeUndefined();
      expect(response.headers.get("cache-control"), query).toBe("max-age=60, public");
    }
  });

  it("are dropped from a response with errors", async () => {
    const response = await liaison.query(HISTORY, { after: "not-a-cursor" });
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});
