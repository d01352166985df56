import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import { auditOf } from "../support/audit-trail.ts";
import { errorCode, errorOf } from "../support/responses.ts";
import { startTestSupergraph, type TestSupergraph } from "../support/test-supergraph.ts";

// The seed holds one assessment: NATIONAL, SEVERE, version 1. Northern
// Ireland has none until a test sets one.

let liaison: TestSupergraph;
/** Straight to the database, to count rows a refused write must not leave. */
let prisma: PrismaClient;
let admin: string;
let otherAdmin: string;

beforeAll(async () => {
  liaison = await startTestSupergraph();
  prisma = liaison.prisma;
  [admin, otherAdmin] = await Promise.all([liaison.tokenFor("admin", "ada-admin"), liaison.tokenFor("admin", "alan-admin")]);
});
afterAll(() => liaison?.stop());

const ASSESSMENT_FIELDS = `id scope level meaning since reason version recordedAt`;
const SET = /* GraphQL */ `
  mutation Set($input: SetThreatLevelInput!) { setThreatLevel(input: $input) { ${ASSESSMENT_FIELDS} } }
`;
const CURRENT = /* GraphQL */ `
  query Current($scope: ThreatScope!) {
    threatLevel(scope: $scope) { ${ASSESSMENT_FIELDS} }
    threatLevelHistory(scope: $scope, first: 100) { totalCount edges { node { id version level } } }
  }
`;
const AUDIT = /* GraphQL */ `
  query Audit($entityId: ID, $actor: String, $entityType: String) {
    auditTrail(entityId: $entityId, actor: $actor, entityType: $entityType, first: 100) {
      totalCount
      edges { node { actor actorRoles action entityType entityId before after } }
    }
  }
`;

let sequence = 0;
function key() {
  sequence += 1;
  return `set-${sequence}`;
}

/** Sets a level as an admin, as `token`'s holder, or anonymously given null. */
function set(input: Record<string, unknown>, token: string | null = admin) {
  return liaison.query(SET, { input: { idempotencyKey: key(), ...input } }, { token: token ?? undefined });
}

async function current(scope: string) {
  const response = await liaison.query(CURRENT, { scope });
  expect(response.body.errors).toBeUndefined();
  return { current: response.body.data.threatLevel, history: response.body.data.threatLevelHistory };
}

async function currentVersion(scope = "NATIONAL"): Promise<number> {
  return (await current(scope)).current?.version ?? 0;
}

describe("who may set the threat level", () => {
  it("lets admins set it", async () => {
    const expectedVersion = await currentVersion();
    const response = await set({ scope: "NATIONAL", level: "SEVERE", reason: "Reviewed; unchanged.", expectedVersion });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.setThreatLevel).toMatchObject({ level: "SEVERE", version: expectedVersion + 1 });
  });
});

describe("setThreatLevel", () => {
  it("records a new current assessment, keeps the old in the history, and audits before and after", async () => {
    const before = await current("NATIONAL");
    const since = "2026-01-15T09:00:00.000Z";
    const response = await set({
      scope: "NATIONAL",
      level: "SUBSTANTIAL",
      reason: "  Fewer plots in the last six months.  ",
      since,
      expectedVersion: before.current.version,
    });
    expect(response.body.errors).toBeUndefined();
    const assessment = response.body.data.setThreatLevel;
    expect(assessment).toMatchObject({
      scope: "NATIONAL",
      level: "SUBSTANTIAL",
      meaning: "An attack is likely.",
      since,
      reason: "Fewer plots in the last six months.",
      version: before.current.version + 1,
    });

    const after = await current("NATIONAL");
    expect(after.current).toEqual(assessment);
    expect(after.history.totalCount).toBe(before.history.totalCount + 1);
    expect(after.history.edges.map((edge: any) => edge.node.id)).toEqual([
      assessment.id,
      ...before.history.edges.map((edge: any) => edge.node.id),
    ]);

    const trail = await auditOf(liaison, { entityId: assessment.id });
    expect(trail.totalCount).toBe(1);
    expect(trail.entries[0]).toMatchObject({
      actor: "ada-admin",
      actorRoles: ["admin"],
      action: "threat-level.set",
      entityType: "ThreatAssessment",
      entityId: assessment.id,
      before: { id: before.current.id, level: before.current.level, version: before.current.version },
      after: { id: assessment.id, level: "SUBSTANTIAL", reason: "Fewer plots in the last six months.", since, version: assessment.version },
    });
  });

  it("sets a scope's first level without an expected version, and only then", async () => {
    // The national history moves on first: Northern Ireland's is a history of its own.
    const national = await currentVersion("NATIONAL");
    await set({ scope: "NATIONAL", level: "SEVERE", reason: "Reviewed; unchanged.", expectedVersion: national });
    expect((await current("NORTHERN_IRELAND")).current).toBeNull();
    const first = await set({ scope: "NORTHERN_IRELAND", level: "SUBSTANTIAL", reason: "First assessment recorded." });
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.setThreatLevel).toMatchObject({ scope: "NORTHERN_IRELAND", version: 1, since: null });
    const trail = await auditOf(liaison, { entityId: first.body.data.setThreatLevel.id });
    expect(trail.entries[0]!.before).toBeNull();

    const blind = await set({ scope: "NORTHERN_IRELAND", level: "LOW", reason: "Did not look first." });
    expect(errorOf(blind)).toMatchObject({ code: "CONFLICT", argument: "input.expectedVersion", currentVersion: 1 });
    expect((await current("NORTHERN_IRELAND")).current).toMatchObject({ level: "SUBSTANTIAL", version: 1 });
    expect(await currentVersion("NATIONAL")).toBe(national + 1);
  });

  it("refuses a stale or made-up expected version with CONFLICT, recording nothing", async () => {
    const version = await currentVersion();
    await set({ scope: "NATIONAL", level: "SEVERE", reason: "Moved on.", expectedVersion: version });
    const rows = await prisma.threatAssessment.count();
    const entries = (await auditOf(liaison, { entityType: "ThreatAssessment" })).totalCount;
    for (const expectedVersion of [version, version + 5]) {
      const response = await set({ scope: "NATIONAL", level: "CRITICAL", reason: "Stale view.", expectedVersion }, otherAdmin);
      expect(errorOf(response)).toMatchObject({ code: "CONFLICT", currentVersion: version + 1 });
    }
    expect(await prisma.threatAssessment.count()).toBe(rows);
    expect((await auditOf(liaison, { entityType: "ThreatAssessment" })).totalCount).toBe(entries);
    expect((await current("NATIONAL")).current).toMatchObject({ level: "SEVERE", reason: "Moved on." });
  });

  it("lets exactly one of eight admins racing from the same version win; the rest get CONFLICT", async () => {
    const expectedVersion = await currentVersion();
    const levels = ["LOW", "MODERATE", "SUBSTANTIAL", "SEVERE", "CRITICAL", "LOW", "MODERATE", "SUBSTANTIAL"];
    const tokens = await Promise.all(levels.map((_, i) => liaison.tokenFor("admin", `racing-admin-${i}`)));
    const responses = await Promise.all(
      levels.map((level, i) =>
        set({ scope: "NATIONAL", level, reason: `Admin ${i} says ${level}.`, expectedVersion }, tokens[i]!),
      ),
    );
    const winners = responses.filter((response) => response.body.data?.setThreatLevel);
    const losers = responses.filter((response) => errorCode(response) === "CONFLICT");
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(7);
    for (const loser of losers) expect(errorOf(loser).currentVersion).toBe(expectedVersion + 1);
    const won = winners[0]!.body.data.setThreatLevel;
    expect((await current("NATIONAL")).current).toEqual(won);
    expect(await prisma.threatAssessment.count({ where: { scope: "NATIONAL", version: { gt: expectedVersion } } })).toBe(1);
    const entries = await Promise.all(tokens.map((_, i) => auditOf(liaison, { actor: `racing-admin-${i}` })));
    expect(entries.map((trail) => trail.totalCount).reduce((a, b) => a + b)).toBe(1);
  });

  it("records one assessment however often a keyed change is retried, one after another or at once", async () => {
    const expectedVersion = await currentVersion();
    const input = { scope: "NATIONAL", level: "MODERATE", reason: "Retried.", expectedVersion, idempotencyKey: key() };
    const responses = await Promise.all(Array.from({ length: 6 }, () => liaison.query(SET, { input }, { token: admin })));
    expect(responses.map((response) => response.body.errors)).toEqual(responses.map(() => undefined));
    const ids = new Set(responses.map((response) => response.body.data.setThreatLevel.id));
    expect(ids.size).toBe(1);
    const [id] = ids;

    // A retry after the level has moved on still answers with the first result, not CONFLICT.
    await set({ scope: "NATIONAL", level: "SEVERE", reason: "Moved on again.", expectedVersion: expectedVersion + 1 });
    const late = await liaison.query(SET, { input }, { token: admin });
    expect(late.body.errors).toBeUndefined();
    expect(late.body.data.setThreatLevel).toMatchObject({ id, level: "MODERATE", version: expectedVersion + 1 });

    expect(await prisma.threatAssessment.count({ where: { reason: "Retried." } })).toBe(1);
    expect((await auditOf(liaison, { entityId: id! })).totalCount).toBe(1);
  });

  it("refuses a key the same admin used for another kind of change with CONFLICT", async () => {
    const idempotencyKey = key();
    const agencies = await liaison.query(`{ agency(slug: "mi5") { id } }`);
    const published = await liaison.query(
      `mutation($input: PublishArticleInput!) { publishArticle(input: $input) { id } }`,
      { input: { slug: `keyed-${sequence}`, title: "Keyed", summary: "Keyed.", tags: [], mentions: [agencies.body.data.agency.id], idempotencyKey } },
      { token: admin },
    );
    expect(published.body.errors).toBeUndefined();
    const response = await liaison.query(
      SET,
      { input: { scope: "NATIONAL", level: "LOW", reason: "Same key.", expectedVersion: await currentVersion(), idempotencyKey } },
      { token: admin },
    );
    expect(errorOf(response)).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED", argument: "input.idempotencyKey" });
  });
});

describe("caching", () => {
  it("never lets the mutation's response be cached, and the banner shows the new level at once", async () => {
    const banner = `{ threatLevel { level version } }`;
    const read = await liaison.query(banner);
    expect(read.headers.get("cache-control")).toBe("max-age=60, public");

    const response = await set({ scope: "NATIONAL", level: "CRITICAL", reason: "An attack is expected.", expectedVersion: read.body.data.threatLevel.version });
    expect(response.body.errors).toBeUndefined();
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect((await liaison.query(banner)).body.data.threatLevel).toEqual({
      level: "CRITICAL",
      version: read.body.data.threatLevel.version + 1,
    });
  });
});
