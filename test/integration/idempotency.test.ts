import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KEY_LIFETIME_MS } from "../../platform/writes/idempotency.ts";
import { dataOf, errorOf, type GraphQLResponse } from "../support/responses.ts";
import { startTestSupergraph, type TestSupergraph } from "../support/test-supergraph.ts";

// An idempotency key means one request: the caller's, for one mutation, on
// one target, with one input. A true retry is answered exactly as the first
// time; anything else under the key is refused, until the key expires.

let liaison: TestSupergraph;
let eve: string;
let ed: string;
let gchq: { id: string; version: number; description: string };
let mi5: string;

const AGENCY = `id slug name description version archivedAt updatedAt`;
const CREATE_AGENCY = `mutation($input: CreateAgencyInput!) { createAgency(input: $input) { ${AGENCY} } }`;
const UPDATE_AGENCY = `mutation($input: UpdateAgencyInput!) { updateAgency(input: $input) { ${AGENCY} } }`;
const ARCHIVE_AGENCY = `mutation($input: ArchiveAgencyInput!) { archiveAgency(input: $input) { ${AGENCY} } }`;
const CREATE_LINK = `mutation($input: CreateRelationshipInput!) { createRelationship(input: $input) { id version } }`;
const ARTICLE = `id slug title version tags mentions { id } publishedAt withdrawnAt`;
const PUBLISH = `mutation($input: PublishArticleInput!) { publishArticle(input: $input) { ${ARTICLE} } }`;
const UPDATE_ARTICLE = `mutation($input: UpdateArticleInput!) { updateArticle(input: $input) { ${ARTICLE} } }`;

beforeAll(async () => {
  liaison = await startTestSupergraph();
  [eve, ed] = await Promise.all([liaison.tokenFor("editor", "eve-editor"), liaison.tokenFor("editor", "ed-editor")]);
  const agencies = await liaison.query(`{ gchq: agency(slug: "gchq") { id version description } mi5: agency(slug: "mi5") { id } }`);
  ({ gchq, mi5: { id: mi5 } } = agencies.body.data);
});
afterAll(() => liaison?.stop());

/** The error of a write refused whole: nothing of any entity answered. */
function refusal(response: GraphQLResponse) {
  expect(response.body.data ?? null).toBeNull();
  return errorOf(response);
}

const REUSED = { code: "IDEMPOTENCY_KEY_REUSED", argument: "input.idempotencyKey" };

let sequence = 0;

function agencyInput(overrides: Record<string, unknown> = {}) {
  sequence += 1;
  return {
    slug: `keyed-${sequence}`, name: `Keyed ${sequence}`, kind: "OTHER", jurisdiction: "UNITED_KINGDOM",
    description: "Made by a keyed test.", ...overrides,
  };
}

async function newAgency(token = eve) {
  return dataOf(await liaison.query(CREATE_AGENCY, { input: agencyInput() }, { token }), "createAgency");
}

function keyOf(label: string) {
  sequence += 1;
  return `${label}-${sequence}`;
}

/** The audit entries the key is held by, and those it was released from. */
async function entriesFor(actor: string, idempotencyKey: string) {
  return liaison.prisma.auditEntry.findMany({ where: { actor, idempotencyKey } });
}

/** Moves the write made under `idempotencyKey` `ago` milliseconds into the past. */
async function age(actor: string, idempotencyKey: string, ago: number) {
  const { count } = await liaison.prisma.auditEntry.updateMany({
    where: { actor, idempotencyKey },
    data: { at: new Date(Date.now() - ago) },
  });
  expect(count).toBe(1);
}

describe("a key reused for another request", () => {
  it("on another entity is refused, answering nothing of either and changing neither", async () => {
    const mine = await newAgency();
    const idempotencyKey = keyOf("update");
    const first = dataOf(
      await liaison.query(UPDATE_AGENCY, { input: { id: mine.id, version: 1, description: "Mine, changed.", idempotencyKey } }, { token: eve }),
      "updateAgency",
    );
    expect(first).toMatchObject({ id: mine.id, version: 2 });

    const onGchq = await liaison.query(
      UPDATE_AGENCY,
      { input: { id: gchq.id, version: gchq.version, description: "GCHQ, changed.", idempotencyKey } },
      { token: eve },
    );
    expect(refusal(onGchq)).toMatchObject(REUSED);
    expect(errorOf(onGchq).message).toMatch(/already used for another agency\.update/);
    const gchqNow = await liaison.query(`query($id: ID) { agency(id: $id) { version description } }`, { id: gchq.id });
    expect(gchqNow.body.data.agency).toEqual({ version: gchq.version, description: gchq.description });
    expect(await liaison.prisma.auditEntry.count({ where: { entityId: gchq.id } })).toBe(0);
  });

  it("for another mutation, in the same subgraph or another, is refused", async () => {
    const idempotencyKey = keyOf("create");
    const created = dataOf(await liaison.query(CREATE_AGENCY, { input: agencyInput({ idempotencyKey }) }, { token: eve }), "createAgency");
    const archive = await liaison.query(ARCHIVE_AGENCY, { input: { id: created.id, version: 1, idempotencyKey } }, { token: eve });
    expect(refusal(archive)).toMatchObject(REUSED);
    expect(errorOf(archive).message).toMatch(/already used for agency\.create/);
    const link = await liaison.query(
      CREATE_LINK,
      { input: { from: created.id, to: mi5, kind: "WORKS_WITH", description: "Under a used key.", idempotencyKey } },
      { token: eve },
    );
    expect(refusal(link)).toMatchObject(REUSED);
    expect(await liaison.prisma.relationship.count({ where: { fromAgencyId: created.id } })).toBe(0);
    const now = await liaison.query(`query($id: ID) { agency(id: $id) { version archivedAt } }`, { id: created.id });
    expect(now.body.data.agency).toEqual({ version: 1, archivedAt: null });
  });

  it("with other input on the same target, or naming another version, is refused", async () => {
    const mine = await newAgency();
    const idempotencyKey = keyOf("input");
    dataOf(await liaison.query(UPDATE_AGENCY, { input: { id: mine.id, version: 1, name: "One", idempotencyKey } }, { token: eve }), "updateAgency");
    for (const input of [
      { id: mine.id, version: 1, name: "Two", idempotencyKey },
      { id: mine.id, version: 1, name: "One", description: "And more.", idempotencyKey },
      { id: mine.id, version: 2, name: "One", idempotencyKey },
    ]) {
      expect(refusal(await liaison.query(UPDATE_AGENCY, { input }, { token: eve })), JSON.stringify(input)).toMatchObject(REUSED);
    }
    const now = await liaison.query(`query($id: ID) { agency(id: $id) { name version } }`, { id: mine.id });
    expect(now.body.data.agency).toEqual({ name: "One", version: 2 });
  });

  it("by another caller is that caller's own key", async () => {
    const [hers, his] = [await newAgency(), await newAgency()];
    const idempotencyKey = keyOf("shared");
    const input = (id: string, name: string) => ({ input: { id, version: 1, name, idempotencyKey } });
    const eves = dataOf(await liaison.query(UPDATE_AGENCY, input(hers.id, "Eve's"), { token: eve }), "updateAgency");
    const eds = dataOf(await liaison.query(UPDATE_AGENCY, input(his.id, "Ed's"), { token: ed }), "updateAgency");
    expect([eves.name, eds.name]).toEqual(["Eve's", "Ed's"]);
    expect(dataOf(await liaison.query(UPDATE_AGENCY, input(hers.id, "Eve's"), { token: eve }), "updateAgency")).toEqual(eves);
    expect(dataOf(await liaison.query(UPDATE_AGENCY, input(his.id, "Ed's"), { token: ed }), "updateAgency")).toEqual(eds);
    expect(refusal(await liaison.query(UPDATE_AGENCY, input(his.id, "Ed's"), { token: eve }))).toMatchObject(REUSED);
  });
});

describe("a true retry", () => {
  it("is answered exactly as the first time, not with the entity as it is now", async () => {
    const mine = await newAgency();
    const idempotencyKey = keyOf("retry");
    const request = { input: { id: mine.id, version: 1, name: "As first answered", idempotencyKey } };
    const first = dataOf(await liaison.query(UPDATE_AGENCY, request, { token: eve }), "updateAgency");
    dataOf(await liaison.query(UPDATE_AGENCY, { input: { id: mine.id, version: 2, name: "Changed since" } }, { token: ed }), "updateAgency");
    dataOf(await liaison.query(ARCHIVE_AGENCY, { input: { id: mine.id, version: 3 } }, { token: ed }), "archiveAgency");

    const retry = dataOf(await liaison.query(UPDATE_AGENCY, request, { token: eve }), "updateAgency");
    expect(retry).toEqual(first);
    expect(retry).toMatchObject({ name: "As first answered", version: 2, archivedAt: null });
    // The same request with its fields in another order is the same request.
    const reordered = { input: { idempotencyKey, name: "As first answered", version: 1, id: mine.id.toUpperCase() } };
    expect(dataOf(await liaison.query(UPDATE_AGENCY, reordered, { token: eve }), "updateAgency")).toEqual(first);
    expect(await liaison.prisma.auditEntry.count({ where: { entityId: mine.id, actor: "eve-editor" } })).toBe(2);
  });

  it("of a publication answers its mentions and fields as first published", async () => {
    const idempotencyKey = keyOf("publish");
    const request = { input: { slug: idempotencyKey, title: "First title", summary: "Keyed.", tags: ["one"], mentions: [mi5], idempotencyKey } };
    const first = dataOf(await liaison.query(PUBLISH, request, { token: eve }), "publishArticle");
    dataOf(
      await liaison.query(UPDATE_ARTICLE, { input: { id: first.id, version: 1, title: "Later title", tags: ["two"], mentions: [gchq.id] } }, { token: ed }),
      "updateArticle",
    );
    const retry = dataOf(await liaison.query(PUBLISH, request, { token: eve }), "publishArticle");
    expect(retry).toEqual(first);
    expect(retry).toMatchObject({ title: "First title", tags: ["one"], mentions: [{ id: mi5 }], version: 1 });
  });

  it("racing its first attempt settles to one write, answered alike", async () => {
    const mine = await newAgency();
    const idempotencyKey = keyOf("racing");
    const request = { input: { id: mine.id, version: 1, description: "Raced once.", idempotencyKey } };
    const answers = (await Promise.all(Array.from({ length: 8 }, () => liaison.query(UPDATE_AGENCY, request, { token: eve }))))
      .map((response) => dataOf(response, "updateAgency"));
    expect(new Set(answers.map((each) => JSON.stringify(each))).size).toBe(1);
    expect(answers[0]).toMatchObject({ description: "Raced once.", version: 2 });
    expect(await entriesFor("eve-editor", idempotencyKey)).toHaveLength(1);
  });
});

describe("an expired key", () => {
  it("still binds until its window ends", async () => {
    const idempotencyKey = keyOf("window");
    dataOf(await liaison.query(CREATE_AGENCY, { input: agencyInput({ idempotencyKey }) }, { token: eve }), "createAgency");
    await age("eve-editor", idempotencyKey, KEY_LIFETIME_MS - 60_000);
    const other = await liaison.query(CREATE_AGENCY, { input: agencyInput({ idempotencyKey }) }, { token: eve });
    expect(refusal(other)).toMatchObject(REUSED);
  });

  it("is treated as new: the request is written, and the key binds it from then on", async () => {
    const idempotencyKey = keyOf("expired");
    const oldRequest = { input: agencyInput({ idempotencyKey }) };
    const old = dataOf(await liaison.query(CREATE_AGENCY, oldRequest, { token: eve }), "createAgency");
    await age("eve-editor", idempotencyKey, KEY_LIFETIME_MS + 60_000);

    const newRequest = { input: agencyInput({ idempotencyKey }) };
    const fresh = dataOf(await liaison.query(CREATE_AGENCY, newRequest, { token: eve }), "createAgency");
    expect(fresh.id).not.toBe(old.id);
    expect(fresh.slug).toBe(newRequest.input.slug);
    expect(dataOf(await liaison.query(CREATE_AGENCY, newRequest, { token: eve }), "createAgency")).toEqual(fresh);
    expect(refusal(await liaison.query(CREATE_AGENCY, oldRequest, { token: eve }))).toMatchObject(REUSED);

    // The first write keeps its audit entry; only the key moved on.
    const held = await entriesFor("eve-editor", idempotencyKey);
    expect(held.map((entry) => entry.entityId)).toEqual([fresh.id]);
    const released = await liaison.prisma.auditEntry.findMany({ where: { entityId: old.id } });
    expect(released).toMatchObject([{ action: "agency.create", idempotencyKey: null }]);
  });

  it("racing retries of a new request under it settle to one write", async () => {
    const idempotencyKey = keyOf("expired-race");
    dataOf(await liaison.query(CREATE_AGENCY, { input: agencyInput({ idempotencyKey }) }, { token: eve }), "createAgency");
    await age("eve-editor", idempotencyKey, KEY_LIFETIME_MS + 60_000);
    const request = { input: agencyInput({ idempotencyKey }) };
    const answers = (await Promise.all(Array.from({ length: 6 }, () => liaison.query(CREATE_AGENCY, request, { token: eve }))))
      .map((response) => dataOf(response, "createAgency"));
    expect(new Set(answers.map((each) => each.id)).size).toBe(1);
    expect(await liaison.prisma.agency.count({ where: { slug: request.input.slug } })).toBe(1);
    expect(await entriesFor("eve-editor", idempotencyKey)).toHaveLength(1);
  });
});
