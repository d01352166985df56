import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditOf } from "../support/audit-trail.ts";
import { errorCode, errorOf } from "../support/responses.ts";
import { startTestSupergraph, type TestSupergraph } from "../support/test-supergraph.ts";

let liaison: TestSupergraph;
let editor: string;
let admin: string;

beforeAll(async () => {
  liaison = await startTestSupergraph();
  [editor, admin] = await Promise.all([liaison.tokenFor("editor", "eve-editor"), liaison.tokenFor("admin", "ada-admin")]);
});
afterAll(() => liaison?.stop());

const CREATE = /* GraphQL */ `
  mutation Create($input: CreateAgencyInput!) {
    createAgency(input: $input) { id slug name shortName kind jurisdiction version archivedAt }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdateAgencyInput!) { updateAgency(input: $input) { id name shortName version } }
`;
const ARCHIVE = /* GraphQL */ `
  mutation Archive($input: ArchiveAgencyInput!) { archiveAgency(input: $input) { id version archivedAt } }
`;
const AUDIT = /* GraphQL */ `
  query Audit($entityId: ID, $actor: String, $since: DateTime, $until: DateTime) {
    auditTrail(entityId: $entityId, actor: $actor, since: $since, until: $until, first: 100) {
      totalCount
      edges { node { actor actorRoles action entityType entityId before after at } }
    }
  }
`;

let sequence = 0;
function newAgency(overrides: Record<string, unknown> = {}) {
  sequence += 1;
  return {
    slug: `test-agency-${sequence}`,
    name: `Test Agency ${sequence}`,
    shortName: `TA${sequence}`,
    kind: "OTHER",
    jurisdiction: "UNITED_KINGDOM",
    description: "An agency made by a test.",
    ...overrides,
  };
}

/** Creates as an editor, as `token`'s holder, or anonymously given null. */
async function create(input: Record<string, unknown>, token: string | null = editor) {
  return liaison.query(CREATE, { input }, { token: token ?? undefined });
}

async function agencyCount(slugPrefix: string) {
  const response = await liaison.query(`query($s: String) { agencies(search: $s, includeArchived: true) { totalCount } }`, { s: slugPrefix });
  return response.body.data.agencies.totalCount as number;
}

describe("who may change the directory", () => {
  it("lets editors and admins create agencies", async () => {
    for (const token of [editor, admin]) {
      const response = await create(newAgency(), token);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data.createAgency).toMatchObject({ version: 1, archivedAt: null });
    }
  });

});

describe("createAgency", () => {
  it("returns the agency, readable at once, and audits who made it", async () => {
    const input = newAgency({ name: "  Padded Name  " });
    const created = (await create(input)).body.data.createAgency;
    expect(created).toMatchObject({ slug: input.slug, name: "Padded Name", kind: "OTHER", version: 1 });
    const read = await liaison.query(`query($slug: String) { agency(slug: $slug) { id name } }`, { slug: input.slug });
    expect(read.body.data.agency).toEqual({ id: created.id, name: "Padded Name" });

    const trail = await auditOf(liaison, { entityId: created.id });
    expect(trail.totalCount).toBe(1);
    expect(trail.entries[0]).toMatchObject({
      actor: "eve-editor",
      actorRoles: ["editor"],
      action: "agency.create",
      entityType: "Agency",
      entityId: created.id,
      before: null,
      after: { slug: input.slug, name: "Padded Name", version: 1 },
    });
  });

  it("refuses a slug another agency has, naming the field, and writes nothing, not even an audit entry", async () => {
    const before = (await auditOf(liaison, { actor: "eve-editor" })).totalCount;
    const response = await create(newAgency({ slug: "mi5" }));
    expect(errorOf(response)).toMatchObject({ code: "BAD_USER_INPUT", argument: "input.slug" });
    expect((await auditOf(liaison, { actor: "eve-editor" })).totalCount).toBe(before);
  });

  it("makes one agency however often a keyed create is retried, even at once", async () => {
    const input = newAgency({ idempotencyKey: `create-${sequence}` });
    const responses = await Promise.all(Array.from({ length: 6 }, () => create(input)));
    const ids = new Set(responses.map((response) => response.body.data?.createAgency?.id));
    expect(responses.every((response) => response.body.errors === undefined)).toBe(true);
    expect(ids.size).toBe(1);
    expect(await agencyCount(input.name as string)).toBe(1);
    expect((await auditOf(liaison, { entityId: [...ids][0]! })).totalCount).toBe(1);
  });

  it("rolls a losing racer back whole: agency row and audit entry together", async () => {
    const key = `race-${sequence}`;
    const first = newAgency({ idempotencyKey: key });
    const second = newAgency({ idempotencyKey: key });
    const responses = await Promise.all([create(first), create(second)]);
    const answered = responses.filter((response) => response.body.data?.createAgency);
    expect(answered).toHaveLength(1);
    expect(responses.map(errorCode).filter((code) => code === "IDEMPOTENCY_KEY_REUSED")).toHaveLength(1);
    const winner = answered[0]!.body.data.createAgency.slug;
    const loser = winner === first.slug ? second : first;
    const lost = await liaison.query(`query($slug: String) { agency(slug: $slug) { id } }`, { slug: loser.slug });
    expect(lost.body.data.agency).toBeNull();
  });

  it("refuses a key already used for a different change with IDEMPOTENCY_KEY_REUSED", async () => {
    const idempotencyKey = `reuse-${sequence}`;
    const created = (await create(newAgency({ idempotencyKey }))).body.data.createAgency;
    const response = await liaison.query(ARCHIVE, { input: { id: created.id, version: 1, idempotencyKey } }, { token: editor });
    expect(errorOf(response)).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED", argument: "input.idempotencyKey" });
  });
});

describe("updateAgency", () => {
  it("changes only the fields given, raises the version, and audits before and after", async () => {
    const created = (await create(newAgency())).body.data.createAgency;
    const response = await liaison.query(UPDATE, { input: { id: created.id, version: 1, name: "Renamed" } }, { token: editor });
    expect(response.body.data.updateAgency).toEqual({ id: created.id, name: "Renamed", shortName: created.shortName, version: 2 });
    const trail = await auditOf(liaison, { entityId: created.id });
    const update = trail.entries.find((entry) => entry.action === "agency.update")!;
    expect(update.before).toMatchObject({ name: created.name, version: 1 });
    expect(update.after).toMatchObject({ name: "Renamed", version: 2 });
  });

  it("clears a short name given as null", async () => {
    const created = (await create(newAgency())).body.data.createAgency;
    const response = await liaison.query(UPDATE, { input: { id: created.id, version: 1, shortName: null } }, { token: editor });
    expect(response.body.data.updateAgency.shortName).toBeNull();
  });

  it("refuses a stale version with CONFLICT and changes nothing", async () => {
    const created = (await create(newAgency())).body.data.createAgency;
    await liaison.query(UPDATE, { input: { id: created.id, version: 1, name: "First" } }, { token: editor });
    const stale = await liaison.query(UPDATE, { input: { id: created.id, version: 1, name: "Second" } }, { token: editor });
    expect(errorOf(stale)).toMatchObject({ code: "CONFLICT", currentVersion: 2 });
    const read = await liaison.query(`query($id: ID) { agency(id: $id) { name version } }`, { id: created.id });
    expect(read.body.data.agency).toEqual({ name: "First", version: 2 });
  });

  it("lets exactly one of several racing writers win; the rest get CONFLICT", async () => {
    const created = (await create(newAgency())).body.data.createAgency;
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        liaison.query(UPDATE, { input: { id: created.id, version: 1, name: `Writer ${i}` } }, { token: editor }),
      ),
    );
    const winners = responses.filter((response) => response.body.data?.updateAgency);
    const losers = responses.filter((response) => errorCode(response) === "CONFLICT");
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(7);
    const read = await liaison.query(`query($id: ID) { agency(id: $id) { name version } }`, { id: created.id });
    expect(read.body.data.agency).toEqual({ name: winners[0]!.body.data.updateAgency.name, version: 2 });
    expect((await auditOf(liaison, { entityId: created.id })).totalCount).toBe(2);
  });

  it("answers NOT_FOUND for an unknown agency, BAD_USER_INPUT for a duplicate slug", async () => {
    const missing = await liaison.query(
      UPDATE,
      { input: { id: "00000000-0000-7000-8000-000000000000", version: 1, name: "x" } },
      { token: editor },
    );
    expect(errorCode(missing)).toBe("NOT_FOUND");
    const created = (await create(newAgency())).body.data.createAgency;
    const duplicate = await liaison.query(UPDATE, { input: { id: created.id, version: 1, slug: "gchq" } }, { token: editor });
    expect(errorOf(duplicate)).toMatchObject({ code: "BAD_USER_INPUT", argument: "input.slug" });
  });
});

describe("archiveAgency", () => {
  it("takes the agency out of lists but keeps it reachable, once", async () => {
    const input = newAgency();
    const created = (await create(input)).body.data.createAgency;
    const archived = await liaison.query(ARCHIVE, { input: { id: created.id, version: 1 } }, { token: editor });
    expect(archived.body.data.archiveAgency).toMatchObject({ version: 2, archivedAt: expect.any(String) });
    const listed = await liaison.query(`query($s: String) { agencies(search: $s) { totalCount } }`, { s: input.name });
    expect(listed.body.data.agencies.totalCount).toBe(0);
    expect(await agencyCount(input.name)).toBe(1);
    const again = await liaison.query(ARCHIVE, { input: { id: created.id, version: 2 } }, { token: editor });
    expect(errorCode(again)).toBe("BAD_USER_INPUT");
  });
});

describe("auditTrail", () => {
  it("filters by actor and by time", async () => {
    const start = new Date().toISOString();
    await create(newAgency(), admin);
    const byAdmin = (await liaison.query(AUDIT, { actor: "ada-admin", since: start }, { token: admin })).body.data.auditTrail;
    expect(byAdmin.totalCount).toBe(1);
    expect(byAdmin.edges[0].node.actor).toBe("ada-admin");
    const beforeStart = (await liaison.query(AUDIT, { actor: "ada-admin", until: start }, { token: admin })).body.data.auditTrail;
    expect(beforeStart.edges.every((edge: any) => edge.node.at < start)).toBe(true);
  });

});
