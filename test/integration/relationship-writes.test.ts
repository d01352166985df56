import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import { seedDatabase } from "../../supergraph/seed.ts";
import { auditOf as auditTrail } from "../support/audit-trail.ts";
import { withErrorLog } from "../support/error-log.ts";
import { dataOf, errorCode, errorOf } from "../support/responses.ts";
import { startTestSupergraph, type TestSupergraph } from "../support/test-supergraph.ts";

// Editing links: create, update, suspend, resume and delete, each
// versioned, idempotent and audited. Each test links agencies of its own,
// so the page's network stays as seeded.

let liaison: TestSupergraph;
/** Straight to the database: agencies to link, and what the API must not show. */
let prisma: PrismaClient;
let editor: string;
let admin: string;

const NO_ID = "00000000-0000-7000-8000-000000000000";
const FIELDS = `id kind closeness qualifiers mutual status since description suspensionReason version from { slug } to { slug }`;

const OPERATIONS = {
  createRelationship: `mutation($input: CreateRelationshipInput!) { createRelationship(input: $input) { ${FIELDS} } }`,
  updateRelationship: `mutation($input: UpdateRelationshipInput!) { updateRelationship(input: $input) { ${FIELDS} } }`,
  suspendRelationship: `mutation($input: SuspendRelationshipInput!) { suspendRelationship(input: $input) { ${FIELDS} } }`,
  resumeRelationship: `mutation($input: ResumeRelationshipInput!) { resumeRelationship(input: $input) { ${FIELDS} } }`,
  deleteRelationship: `mutation($input: DeleteRelationshipInput!) { deleteRelationship(input: $input) { ${FIELDS} } }`,
};
type Mutation = keyof typeof OPERATIONS;
const MUTATIONS = Object.keys(OPERATIONS) as Mutation[];

beforeAll(async () => {
  liaison = await startTestSupergraph();
  prisma = liaison.prisma;
  [editor, admin] = await Promise.all([liaison.tokenFor("editor", "eve-editor"), liaison.tokenFor("admin", "ada-admin")]);
});
afterAll(() => liaison?.stop());

/** Runs a mutation as an editor, as `token`'s holder, or anonymously given null. */
function mutate(mutation: Mutation, input: Record<string, unknown>, token: string | null = editor) {
  return liaison.query(OPERATIONS[mutation], { input }, { token: token ?? undefined });
}

let sequence = 0;

/** A new agency of our own, so that each test's links are its own. */
async function newAgency() {
  sequence += 1;
  return prisma.agency.create({
    data: {
      slug: `probe-${sequence}`,
      name: `Probe ${sequence}`,
      kind: "OTHER",
      jurisdiction: "UNITED_KINGDOM",
      description: "An agency made by a test.",
    },
  });
}

/** A new link, made through the API by an editor, between two new agencies unless told. */
async function newLink(input: Record<string, unknown> = {}) {
  const from = input.from ?? (await newAgency()).id;
  const to = input.to ?? (await newAgency()).id;
  const response = await mutate("createRelationship", {
    from, to, kind: "WORKS_WITH", closeness: "CLOSE", since: "2001", description: "Two probes work together.", ...input,
  });
  return dataOf(response, "createRelationship");
}

async function stored(id: string) {
  return prisma.relationship.findUnique({ where: { id } });
}

/** The link's audit entries, oldest first. */
async function auditOf(entityId: string) {
  return (await auditTrail(liaison, { entityId })).entries;
}

/** Input for `mutation` on a link made for the purpose, and the link. */
async function fixtureFor(mutation: Mutation): Promise<{ input: Record<string, unknown>; linkId?: string }> {
  if (mutation === "createRelationship") {
    const [from, to] = [await newAgency(), await newAgency()];
    return { input: { from: from.id, to: to.id, kind: "WORKS_WITH", description: "Made in a role test." } };
  }
  const link = await newLink(mutation === "resumeRelationship" ? { status: "SUSPENDED" } : {});
  const extra = mutation === "updateRelationship" ? { description: "Changed in a role test." } : {};
  return { input: { id: link.id, version: 1, ...extra }, linkId: link.id };
}

describe("who may edit links", () => {
  for (const mutation of MUTATIONS) {
    it(`lets editors and admins ${mutation}, recording which of them did`, async () => {
      for (const [token, actor, role] of [[editor, "eve-editor", "editor"], [admin, "ada-admin", "admin"]] as const) {
        const { input } = await fixtureFor(mutation);
        const changed = dataOf(await mutate(mutation, input, token), mutation);
        const entries = await auditOf(changed.id);
        expect(entries.at(-1)).toMatchObject({
          actor,
          actorRoles: [role],
          action: `relationship.${mutation.replace("Relationship", "")}`,
          entityType: "Relationship",
        });
      }
    });
  }
});

describe("createRelationship", () => {
  it("records a link between two agencies and answers it through the gateway", async () => {
    const [one, two] = [await newAgency(), await newAgency()];
    const created = dataOf(
      await mutate("createRelationship", {
        from: one.id, to: two.id, kind: "STRONG_LINKS", closeness: "STRONG_LINKS", mutual: true, since: "2020-02-29",
        description: "Two probes work together.",
      }),
      "createRelationship",
    );
    expect(created).toMatchObject({
      kind: "STRONG_LINKS", closeness: "STRONG_LINKS", mutual: true, status: "ACTIVE", since: "2020-02-29",
      description: "Two probes work together.", from: { slug: one.slug }, to: { slug: two.slug }, version: 1,
    });
    const partners = await liaison.query(`query($slug: String!) { agency(slug: $slug) { partners { slug } } }`, { slug: two.slug });
    expect(dataOf(partners).agency.partners).toEqual([{ slug: one.slug }]);
  });

  it("refuses a link to or from an agency that does not exist, naming the field, and stores nothing", async () => {
    const agency = await newAgency();
    for (const [field, other] of [["to", "from"], ["from", "to"]] as const) {
      const input = { [other]: agency.id, [field]: NO_ID, kind: "WORKS_WITH", description: "Refused." };
      const response = await mutate("createRelationship", input);
      expect(errorOf(response), field).toMatchObject({ code: "BAD_USER_INPUT", argument: `input.${field}`, message: `input.${field} names no agency.` });
      expect(response.body.data).toBeNull();
    }
    const mi5ToNowhere = await mutate("createRelationship", { from: await idOf("mi5"), to: NO_ID, kind: "WORKS_WITH", description: "Refused." });
    expect(errorOf(mi5ToNowhere)).toMatchObject({ code: "BAD_USER_INPUT", argument: "input.to" });
    expect(await prisma.relationship.count({ where: { OR: [{ fromAgencyId: agency.id }, { toAgencyId: agency.id }] } })).toBe(0);
  });

  it("refuses the same link of the same kind twice", async () => {
    const link = await newLink({ kind: "RELIES_ON" });
    const again = await mutate("createRelationship", {
      from: await idOf(link.from.slug), to: await idOf(link.to.slug), kind: "RELIES_ON", description: "Again.",
    });
    expect(errorOf(again)).toMatchObject({ code: "CONFLICT", argument: "input.kind" });
  });

  it("records who made the link in the audit trail, and answers a retry with the first link", async () => {
    const [one, two] = [await newAgency(), await newAgency()];
    const input = { from: one.id, to: two.id, kind: "RECEIVES_HELP", description: "Help.", idempotencyKey: `retry-${one.id}` };
    const first = dataOf(await mutate("createRelationship", input), "createRelationship");
    const retry = dataOf(await mutate("createRelationship", input), "createRelationship");
    expect(retry.id).toBe(first.id);
    const entries = await auditOf(first.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: "eve-editor", action: "relationship.create", entityType: "Relationship" });
    expect(entries[0]!.after).toMatchObject({ kind: "RECEIVES_HELP", fromAgencyId: one.id, toAgencyId: two.id });
  });
});

describe("an id that names no link", () => {
  it("is answered NOT_FOUND", async () => {
    for (const mutation of MUTATIONS.filter((each) => each !== "createRelationship")) {
      const response = await mutate(mutation, { id: NO_ID, version: 1 });
      expect(errorOf(response), mutation).toMatchObject({ code: "NOT_FOUND", argument: "input.id" });
    }
  });
});

describe("updateRelationship", () => {
  it("changes only the fields given, raises the version and answers the changed link", async () => {
    const link = await newLink({ mutual: false });
    const updated = dataOf(
      await mutate("updateRelationship", { id: link.id, version: 1, mutual: true, description: "  Now mutual.  " }),
      "updateRelationship",
    );
    expect(updated).toEqual({ ...link, mutual: true, description: "Now mutual.", version: 2 });
    const read = await liaison.query(`query($id: ID!) { relationship(id: $id) { ${FIELDS} } }`, { id: link.id });
    expect(read.body.data.relationship).toEqual(updated);
  });

  it("clears closeness and since given as null, and leaves other nulls alone", async () => {
    const link = await newLink();
    const updated = dataOf(
      await mutate("updateRelationship", { id: link.id, version: 1, closeness: null, since: null, kind: null, mutual: null, description: null }),
      "updateRelationship",
    );
    expect(updated).toEqual({ ...link, closeness: null, since: null, version: 2 });
  });

  it("changes the kind, but not to one the same two agencies already have", async () => {
    const link = await newLink();
    await newLink({ from: await idOf(link.from.slug), to: await idOf(link.to.slug), kind: "RELIES_ON" });
    const changed = dataOf(await mutate("updateRelationship", { id: link.id, version: 1, kind: "STRONG_LINKS" }), "updateRelationship");
    expect(changed).toMatchObject({ kind: "STRONG_LINKS", version: 2 });
    const duplicate = await mutate("updateRelationship", { id: link.id, version: 2, kind: "RELIES_ON" });
    expect(errorOf(duplicate)).toMatchObject({ code: "CONFLICT", argument: "input.kind" });
    expect(await stored(link.id)).toMatchObject({ kind: "STRONG_LINKS", version: 2 });
  });
});

async function idOf(slug: string) {
  return (await prisma.agency.findUniqueOrThrow({ where: { slug } })).id;
}

describe("suspend and resume", () => {
  it("suspends an active link with its reason, and resumes it, forgetting the reason", async () => {
    const link = await newLink();
    const suspended = dataOf(
      await mutate("suspendRelationship", { id: link.id, version: 1, reason: "  Under review.  " }),
      "suspendRelationship",
    );
    expect(suspended).toEqual({ ...link, status: "SUSPENDED", suspensionReason: "Under review.", version: 2 });
    const again = await mutate("suspendRelationship", { id: link.id, version: 2 });
    expect(errorOf(again)).toMatchObject({ code: "BAD_USER_INPUT", argument: "input.id" });

    const resumed = dataOf(await mutate("resumeRelationship", { id: link.id, version: 2 }), "resumeRelationship");
    expect(resumed).toEqual({ ...link, status: "ACTIVE", suspensionReason: null, version: 3 });
    const twice = await mutate("resumeRelationship", { id: link.id, version: 3 });
    expect(errorOf(twice)).toMatchObject({ code: "BAD_USER_INPUT", argument: "input.id" });
  });

  it("suspends without a reason", async () => {
    const link = await newLink();
    const suspended = dataOf(await mutate("suspendRelationship", { id: link.id, version: 1 }), "suspendRelationship");
    expect(suspended).toMatchObject({ status: "SUSPENDED", suspensionReason: null, version: 2 });
  });

  it("takes a suspended link out of walks and ACTIVE lists, as the read API says, until it is resumed", async () => {
    const [a, b] = [await newAgency(), await newAgency()];
    const link = await newLink({ from: a.id, to: b.id });
    const READ = `query($a: ID!, $b: ID!, $slug: String!) {
      agency(slug: $slug) {
        all: partners { slug }
        active: partners(status: ACTIVE) { slug }
        suspended: relationships(status: SUSPENDED) { id }
        neighbourhood { nodes { slug } edges { id version } }
        suspendedWalk: neighbourhood(status: SUSPENDED) { nodes { slug } edges { id version } }
      }
      shortestPath(from: $a, to: $b) { id version }
      anyPath: shortestPath(from: $a, to: $b, status: null) { id }
    }`;
    const read = async () => {
      const response = await liaison.query(READ, { a: a.id, b: b.id, slug: a.slug });
      expect(response.body.errors).toBeUndefined();
      return response.body.data;
    };

    expect(await read()).toEqual({
      agency: {
        all: [{ slug: b.slug }],
        active: [{ slug: b.slug }],
        suspended: [],
        neighbourhood: { nodes: [{ slug: a.slug }, { slug: b.slug }], edges: [{ id: link.id, version: 1 }] },
        suspendedWalk: { nodes: [{ slug: a.slug }], edges: [] },
      },
      shortestPath: [{ id: link.id, version: 1 }],
      anyPath: [{ id: link.id }],
    });

    dataOf(await mutate("suspendRelationship", { id: link.id, version: 1 }), "suspendRelationship");
    expect(await read()).toEqual({
      agency: {
        all: [{ slug: b.slug }],
        active: [],
        suspended: [{ id: link.id }],
        neighbourhood: { nodes: [{ slug: a.slug }], edges: [] },
        suspendedWalk: { nodes: [{ slug: a.slug }, { slug: b.slug }], edges: [{ id: link.id, version: 2 }] },
      },
      shortestPath: null,
      anyPath: [{ id: link.id }],
    });

    dataOf(await mutate("resumeRelationship", { id: link.id, version: 2 }), "resumeRelationship");
    const resumed = await read();
    expect(resumed.agency.active).toEqual([{ slug: b.slug }]);
    expect(resumed.shortestPath).toEqual([{ id: link.id, version: 3 }]);

    dataOf(await mutate("deleteRelationship", { id: link.id, version: 3 }), "deleteRelationship");
    const deleted = await read();
    expect(deleted.agency.all).toEqual([]);
    expect(deleted.anyPath).toBeNull();
  });
});

describe("deleteRelationship", () => {
  it("answers the link as it was, and leaves no trace of it but the audit trail", async () => {
    const link = await newLink();
    const deleted = dataOf(await mutate("deleteRelationship", { id: link.id, version: 1 }), "deleteRelationship");
    expect(deleted).toEqual(link);
    const read = await liaison.query(`query($id: ID!) { relationship(id: $id) { id } }`, { id: link.id });
    expect(read.body.data.relationship).toBeNull();
    expect(await stored(link.id)).toBeNull();
  });

  it("answers a retry with the same key as the first time, and a delete without it NOT_FOUND", async () => {
    const link = await newLink();
    const input = { id: link.id, version: 1, idempotencyKey: `delete-${link.id}` };
    const first = await mutate("deleteRelationship", input);
    const retry = await mutate("deleteRelationship", input);
    expect(dataOf(retry, "deleteRelationship")).toEqual(dataOf(first, "deleteRelationship"));
    expect(dataOf(first, "deleteRelationship")).toEqual(link);

    const unkeyed = await mutate("deleteRelationship", { id: link.id, version: 1 });
    expect(errorOf(unkeyed).code).toBe("NOT_FOUND");
    const otherKey = await mutate("deleteRelationship", { ...input, idempotencyKey: "another-key" });
    expect(errorOf(otherKey).code).toBe("NOT_FOUND");
    expect((await auditOf(link.id)).map((entry) => entry.action)).toEqual(["relationship.create", "relationship.delete"]);
  });

  it("lets an agency with no links left be deleted", async () => {
    const link = await newLink();
    const from = await idOf(link.from.slug);
    dataOf(await mutate("deleteRelationship", { id: link.id, version: 1 }), "deleteRelationship");
    await prisma.agency.delete({ where: { id: from } });
  });
});

describe("versions", () => {
  it("refuses every change naming a stale version with CONFLICT and the current version, changing nothing", async () => {
    const link = await newLink();
    dataOf(await mutate("updateRelationship", { id: link.id, version: 1, description: "Second version." }), "updateRelationship");
    const stale: [Mutation, Record<string, unknown>][] = [
      ["updateRelationship", { description: "Lost update." }],
      ["suspendRelationship", {}],
      ["deleteRelationship", {}],
      ["updateRelationship", { version: 3, description: "From the future." }],
    ];
    for (const [mutation, overrides] of stale) {
      const response = await mutate(mutation, { id: link.id, version: 1, ...overrides });
      expect(errorOf(response), mutation).toMatchObject({ code: "CONFLICT", argument: "input.version", currentVersion: 2 });
    }
    const suspended = await newLink({ status: "SUSPENDED" });
    const staleResume = await mutate("resumeRelationship", { id: suspended.id, version: 0 });
    expect(errorOf(staleResume)).toMatchObject({ code: "CONFLICT", currentVersion: 1 });

    expect(await stored(link.id)).toMatchObject({ version: 2, description: "Second version.", status: "ACTIVE" });
    expect((await auditOf(link.id)).map((entry) => entry.action)).toEqual(["relationship.create", "relationship.update"]);
  });

});

describe("racing writers", () => {
  const WRITERS = 8;

  it("lets exactly one of 8 updates naming the same version win; the rest get CONFLICT", async () => {
    const link = await newLink();
    const responses = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) =>
        mutate("updateRelationship", { id: link.id, version: 1, description: `Writer ${i}.` }),
      ),
    );
    const winners = responses.filter((response) => !response.body.errors);
    const losers = responses.filter((response) => errorCode(response) === "CONFLICT");
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(WRITERS - 1);
    const winner = dataOf(winners[0]!, "updateRelationship");
    expect(await stored(link.id)).toMatchObject({ version: 2, description: winner.description });
    const entries = await auditOf(link.id);
    expect(entries.map((entry) => entry.action)).toEqual(["relationship.create", "relationship.update"]);
    expect(entries[1]!.after).toMatchObject({ description: winner.description, version: 2 });
  });

  it("lets one of 8 mixed writers win: the others lose to its version or find the link gone", async () => {
    const link = await newLink();
    const kinds: Mutation[] = ["updateRelationship", "suspendRelationship", "deleteRelationship", "updateRelationship"];
    const responses = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) => {
        const mutation = kinds[i % kinds.length]!;
        const extra = mutation === "updateRelationship" ? { description: `Writer ${i}.` } : {};
        return mutate(mutation, { id: link.id, version: 1, ...extra });
      }),
    );
    const outcomes = responses.map((response) => errorCode(response) ?? "OK");
    expect(outcomes.filter((outcome) => outcome === "OK")).toHaveLength(1);
    expect(outcomes.every((outcome) => ["OK", "CONFLICT", "NOT_FOUND"].includes(outcome as string))).toBe(true);
    const entries = await auditOf(link.id);
    expect(entries).toHaveLength(2);
    const row = await stored(link.id);
    expect(row?.version ?? "deleted").toBe(entries[1]!.action === "relationship.delete" ? "deleted" : 2);
  });

  it("answers 8 racing retries of one keyed update alike, writing once", async () => {
    const link = await newLink();
    const input = { id: link.id, version: 1, description: "Retried.", idempotencyKey: `update-${link.id}` };
    const responses = await Promise.all(Array.from({ length: WRITERS }, () => mutate("updateRelationship", input)));
    const answers = responses.map((response) => dataOf(response, "updateRelationship"));
    expect(new Set(answers.map((each) => JSON.stringify(each))).size).toBe(1);
    expect(answers[0]).toMatchObject({ description: "Retried.", version: 2 });
    expect(await auditOf(link.id)).toHaveLength(2);
  });

  it("answers 8 racing retries of one keyed delete alike", async () => {
    const link = await newLink();
    const input = { id: link.id, version: 1, idempotencyKey: `racing-delete-${link.id}` };
    const responses = await Promise.all(Array.from({ length: WRITERS }, () => mutate("deleteRelationship", input)));
    for (const response of responses) expect(dataOf(response, "deleteRelationship")).toEqual(link);
    expect((await auditOf(link.id)).map((entry) => entry.action)).toEqual(["relationship.create", "relationship.delete"]);
  });

  it("makes one link however often a keyed create is retried at once", async () => {
    const [from, to] = [await newAgency(), await newAgency()];
    const input = { from: from.id, to: to.id, kind: "WORKS_WITH", description: "Once.", idempotencyKey: `create-${from.id}` };
    const responses = await Promise.all(Array.from({ length: WRITERS }, () => mutate("createRelationship", input)));
    const ids = new Set(responses.map((response) => dataOf(response, "createRelationship").id));
    expect(ids.size).toBe(1);
    expect(await prisma.relationship.count({ where: { fromAgencyId: from.id } })).toBe(1);
    expect(await auditOf([...ids][0]!)).toHaveLength(1);
  });
});

describe("idempotent retries", () => {
  it("answers a retried suspend with the first answer, not 'already suspended'", async () => {
    const link = await newLink();
    const input = { id: link.id, version: 1, reason: "Paused.", idempotencyKey: `suspend-${link.id}` };
    const first = dataOf(await mutate("suspendRelationship", input), "suspendRelationship");
    const retry = dataOf(await mutate("suspendRelationship", input), "suspendRelationship");
    expect(retry).toEqual(first);
    expect(await auditOf(link.id)).toHaveLength(2);
  });

  it("refuses a key already used for another kind of change with IDEMPOTENCY_KEY_REUSED", async () => {
    const link = await newLink();
    const idempotencyKey = `reused-${link.id}`;
    dataOf(await mutate("suspendRelationship", { id: link.id, version: 1, idempotencyKey }), "suspendRelationship");
    const reused = await mutate("resumeRelationship", { id: link.id, version: 2, idempotencyKey });
    expect(errorOf(reused)).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED", argument: "input.idempotencyKey" });
    expect(await stored(link.id)).toMatchObject({ status: "SUSPENDED", version: 2 });
  });

  it("keeps keys per caller: another editor's same key is a write of their own", async () => {
    const link = await newLink();
    const idempotencyKey = `shared-${link.id}`;
    dataOf(await mutate("updateRelationship", { id: link.id, version: 1, description: "Eve's.", idempotencyKey }), "updateRelationship");
    const other = await liaison.tokenFor("editor", "ed-other-editor");
    const theirs = dataOf(
      await mutate("updateRelationship", { id: link.id, version: 2, description: "Ed's.", idempotencyKey }, other),
      "updateRelationship",
    );
    expect(theirs).toMatchObject({ description: "Ed's.", version: 3 });
  });
});

describe("the audit trail", () => {
  const AUDIT = `query($entityId: ID) {
    auditTrail(entityId: $entityId, first: 100) { edges { node { actor actorRoles action entityType entityId before after at } } }
  }`;

  it("records each change with who, what, when, and the link before and after", async () => {
    const link = await newLink();
    const start = Date.now();
    const steps: [Mutation, Record<string, unknown>][] = [
      ["updateRelationship", { version: 1, description: "Revised." }],
      ["suspendRelationship", { version: 2, reason: "Reviewing." }],
      ["resumeRelationship", { version: 3 }],
      ["deleteRelationship", { version: 4 }],
    ];
    for (const [mutation, input] of steps) dataOf(await mutate(mutation, { id: link.id, ...input }), mutation);

    const response = await liaison.query(AUDIT, { entityId: link.id }, { token: admin });
    expect(response.body.errors).toBeUndefined();
    const entries = response.body.data.auditTrail.edges.map((edge: any) => edge.node);
    const byAction = Object.fromEntries(entries.map((entry: any) => [entry.action, entry]));
    expect(Object.keys(byAction).sort()).toEqual(
      ["create", "delete", "resume", "suspend", "update"].map((action) => `relationship.${action}`),
    );
    for (const entry of entries) {
      expect(entry).toMatchObject({ actor: "eve-editor", actorRoles: ["editor"], entityType: "Relationship", entityId: link.id });
      expect(Date.parse(entry.at)).toBeLessThanOrEqual(Date.now());
    }
    for (const action of ["update", "suspend", "resume", "delete"]) {
      expect(Date.parse(byAction[`relationship.${action}`].at)).toBeGreaterThanOrEqual(start - 1000);
    }

    const kept = { id: link.id, kind: "WORKS_WITH", closeness: "CLOSE", since: "2001" };
    expect(byAction["relationship.update"]).toMatchObject({
      before: { ...kept, description: "Two probes work together.", version: 1 },
      after: { ...kept, description: "Revised.", version: 2 },
    });
    expect(byAction["relationship.suspend"]).toMatchObject({
      before: { status: "ACTIVE", suspensionReason: null, version: 2 },
      after: { status: "SUSPENDED", suspensionReason: "Reviewing.", version: 3 },
    });
    expect(byAction["relationship.resume"]).toMatchObject({
      before: { status: "SUSPENDED", version: 3 },
      after: { status: "ACTIVE", suspensionReason: null, version: 4 },
    });
    expect(byAction["relationship.delete"]).toMatchObject({
      before: { ...kept, description: "Revised.", status: "ACTIVE", version: 4 },
      after: null,
    });
  });
});

describe("a write that fails part-way", () => {
  const MARK = "[the audit trail refuses this]";

  // An audit entry that Postgres refuses, after the change it records has
  // been made in the same transaction.
  beforeAll(async () => {
    const client = new pg.Client({ connectionString: liaison.database.url });
    await client.connect();
    try {
      await client.query(`
        CREATE FUNCTION audit.refuse_marked() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF coalesce(NEW.after, NEW.before)->>'description' LIKE '%${MARK}%' THEN
            RAISE EXCEPTION 'refused by a test';
          END IF;
          RETURN NEW;
        END $$`);
      await client.query(`CREATE TRIGGER refuse_marked BEFORE INSERT ON audit.entry FOR EACH ROW EXECUTE FUNCTION audit.refuse_marked()`);
    } finally {
      await client.end();
    }
  });

  /** Runs a mutation whose audit entry the trigger refuses: an internal error, logged and not shown to the caller. */
  async function refusedByTheTrigger(mutation: Mutation, input: Record<string, unknown>) {
    const { result, logged } = await withErrorLog(() => mutate(mutation, input));
    expect(errorCode(result)).toBe("INTERNAL_SERVER_ERROR");
    expect(logged.join("\n")).toMatch(/refused by a test/);
  }

  it("leaves nothing behind: neither the change nor its audit entry", async () => {
    const [from, to] = [await newAgency(), await newAgency()];
    await refusedByTheTrigger("createRelationship", { from: from.id, to: to.id, kind: "WORKS_WITH", description: `New ${MARK}` });
    expect(await prisma.relationship.count({ where: { fromAgencyId: from.id } })).toBe(0);

    const link = await newLink();
    await refusedByTheTrigger("updateRelationship", { id: link.id, version: 1, description: `Changed ${MARK}` });
    expect(await stored(link.id)).toMatchObject({ version: 1, description: link.description });

    // A link whose audit entry on deletion is refused: it must survive.
    await prisma.relationship.update({ where: { id: link.id }, data: { description: `Marked ${MARK}` } });
    await refusedByTheTrigger("deleteRelationship", { id: link.id, version: 1, idempotencyKey: `failed-${link.id}` });
    expect(await stored(link.id)).toMatchObject({ version: 1 });
    expect((await auditOf(link.id)).map((entry) => entry.action)).toEqual(["relationship.create"]);
  });

  it("rolls a racer that lost its idempotency key back whole", async () => {
    const [one, two] = [await newLink(), await newLink()];
    const idempotencyKey = `two-links-${one.id}`;
    const [a, b] = await Promise.all([
      mutate("updateRelationship", { id: one.id, version: 1, description: "Raced.", idempotencyKey }),
      mutate("updateRelationship", { id: two.id, version: 1, description: "Raced.", idempotencyKey }),
    ]);
    const [won, refused] = a.body.errors ? [b, a] : [a, b];
    const winner = dataOf(won, "updateRelationship");
    expect(errorOf(refused)).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED", argument: "input.idempotencyKey" });
    const loser = winner.id === one.id ? two : one;
    expect(await stored(loser.id)).toMatchObject({ version: 1, description: loser.description });
    expect(await auditOf(loser.id)).toHaveLength(1);
  });
});

describe("no dangling references", () => {
  // The rule (prisma/schema/relationships.prisma): both ends are foreign keys
  // to agencies.agency with ON DELETE RESTRICT, so an agency with links cannot
  // be deleted; agencies are to be archived instead.
  async function deleteAgency(agencyId: string) {
    const client = new pg.Client({ connectionString: liaison.database.url });
    await client.connect();
    try {
      await client.query(`DELETE FROM agencies.agency WHERE id = $1`, [agencyId]);
    } finally {
      await client.end();
    }
  }

  /** The constraint that refused `attempt` (Postgres 18 reports RESTRICT with another code than 15). */
  async function refusedBy(attempt: Promise<unknown>): Promise<string | undefined> {
    const error = await attempt.then(() => undefined, (error: { constraint?: string }) => error);
    expect(error, "a refusal").toBeDefined();
    return error?.constraint;
  }

  it("refuses to delete an agency that has relationships, at either end", async () => {
    expect(await refusedBy(deleteAgency(await idOf("psni")))).toMatch(/^relationship_(from|to)_agency_id_fkey$/);
    expect(await refusedBy(deleteAgency(await idOf("central-government")))).toBe("relationship_to_agency_id_fkey");
    const viaPrisma = await prisma.agency.delete({ where: { slug: "mi5" } }).catch((error) => error);
    expect(viaPrisma.code).toBe("P2003");
    const response = await liaison.query(`{ agency(slug: "psni") { slug partners { slug } } }`);
    expect(response.body.data.agency).toEqual({ slug: "psni", partners: [{ slug: "mi5" }] });
  });

  it("lets an agency go once it has no relationships", async () => {
    const [lonely, other] = [await newAgency(), await newAgency()];
    const link = await newLink({ from: lonely.id, to: other.id });
    expect(await refusedBy(deleteAgency(lonely.id))).toBe("relationship_from_agency_id_fkey");
    await prisma.relationship.delete({ where: { id: link.id } });
    await deleteAgency(lonely.id);
    expect(await prisma.agency.findUnique({ where: { id: lonely.id } })).toBeNull();
  });
});

describe("qualifiers", () => {
  it("records the qualifiers given, each once and in order, and replaces or clears them on update", async () => {
    const link = await newLink({ qualifiers: ["HEAVILY", "IN_MANY_AREAS", "HEAVILY"] });
    expect(link.qualifiers).toEqual(["HEAVILY", "IN_MANY_AREAS"]);
    expect((await stored(link.id))?.qualifiers).toEqual(["HEAVILY", "IN_MANY_AREAS"]);

    const replaced = dataOf(await mutate("updateRelationship", { id: link.id, version: 1, qualifiers: ["MAJOR"] }), "updateRelationship");
    expect(replaced).toMatchObject({ qualifiers: ["MAJOR"], version: 2 });
    const kept = dataOf(await mutate("updateRelationship", { id: link.id, version: 2, description: "Still major." }), "updateRelationship");
    expect(kept.qualifiers).toEqual(["MAJOR"]);
    const cleared = dataOf(await mutate("updateRelationship", { id: link.id, version: 3, qualifiers: [] }), "updateRelationship");
    expect(cleared.qualifiers).toEqual([]);
    expect((await stored(link.id))?.qualifiers).toEqual([]);
    expect((await auditOf(link.id)).map((entry) => entry.after.qualifiers)).toEqual([["HEAVILY", "IN_MANY_AREAS"], ["MAJOR"], ["MAJOR"], []]);
  });

  it("refuses a qualifier that is not one", async () => {
    const link = await newLink();
    const response = await mutate("updateRelationship", { id: link.id, version: 1, qualifiers: ["VERY"] });
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
  });
});

describe("the seed, run again after editors", () => {
  it("leaves an editor's change as it is", async () => {
    const mi5 = await idOf("mi5");
    const homeOffice = await idOf("home-office");
    const link = await prisma.relationship.findUniqueOrThrow({
      where: { fromAgencyId_toAgencyId_kind: { fromAgencyId: mi5, toAgencyId: homeOffice, kind: "WORKS_CLOSELY" } },
    });
    dataOf(await mutate("suspendRelationship", { id: link.id, version: link.version, reason: "Reviewing." }), "suspendRelationship");
    await seedDatabase(prisma);
    expect(await stored(link.id)).toMatchObject({ status: "SUSPENDED", suspensionReason: "Reviewing.", version: link.version + 1 });
  });

  it("answers a changed link with the page's qualifiers it keeps", async () => {
    const link = await prisma.relationship.findUniqueOrThrow({
      where: { fromAgencyId_toAgencyId_kind: { fromAgencyId: await idOf("mi5"), toAgencyId: await idOf("sis"), kind: "RELIES_ON" } },
    });
    const changed = dataOf(await mutate("suspendRelationship", { id: link.id, version: link.version }), "suspendRelationship");
    expect(changed).toMatchObject({ status: "SUSPENDED", qualifiers: ["IN_MANY_AREAS", "HEAVILY"] });
  });
});
