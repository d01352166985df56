import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Identity } from "../../platform/auth/identity.ts";
import { readSubgraphSdl } from "../../platform/subgraph-sdl.ts";
import { MAX_NEIGHBOURHOOD_DEPTH } from "../../subgraphs/relationships/graph-store.ts";
import { callers, inProcessSubgraph, type InProcessSubgraph } from "../support/in-process-subgraph.ts";
import { errorCode, errorOf } from "../support/responses.ts";

// What the relationships subgraph answers before it reads or writes
// anything: bad arguments and callers without the role. Its server runs
// with no database, so an answer here also proves nothing was stored.

let relationships: InProcessSubgraph;
beforeAll(async () => {
  relationships = await inProcessSubgraph("relationships");
});
afterAll(() => relationships?.stop());

const ONE = "0190a000-0000-7000-8000-000000000001";
const TWO = "0190a000-0000-7000-8000-000000000002";
const LINK = "0190a000-0000-7000-8000-0000000000aa";

const FIELDS = `id version`;
const OPERATIONS = {
  createRelationship: `mutation($input: CreateRelationshipInput!) { createRelationship(input: $input) { ${FIELDS} } }`,
  updateRelationship: `mutation($input: UpdateRelationshipInput!) { updateRelationship(input: $input) { ${FIELDS} } }`,
  suspendRelationship: `mutation($input: SuspendRelationshipInput!) { suspendRelationship(input: $input) { ${FIELDS} } }`,
  resumeRelationship: `mutation($input: ResumeRelationshipInput!) { resumeRelationship(input: $input) { ${FIELDS} } }`,
  deleteRelationship: `mutation($input: DeleteRelationshipInput!) { deleteRelationship(input: $input) { ${FIELDS} } }`,
};
type Mutation = keyof typeof OPERATIONS;

function mutate(mutation: Mutation, input: Record<string, unknown>, caller: Identity = callers.editor) {
  return relationships.execute(OPERATIONS[mutation], { input }, caller);
}

const NEW_LINK = { from: ONE, to: TWO, kind: "WORKS_WITH", description: "Two agencies work together." };

describe("who may edit links", () => {
  it("refuses every mutation to readers and anonymous callers with FORBIDDEN", async () => {
    for (const mutation of Object.keys(OPERATIONS) as Mutation[]) {
      const input = mutation === "createRelationship" ? NEW_LINK : { id: LINK, version: 1 };
      for (const caller of [callers.reader, callers.anonymous]) {
        const response = await mutate(mutation, input, caller);
        expect(errorCode(response), `${mutation} by ${caller.subject}`).toBe("FORBIDDEN");
        expect(response.body.data).toBeNull();
      }
    }
  });
});

describe("createRelationship input", () => {
  it("refuses malformed ids, a link to itself, and a bad date or description, naming the field", async () => {
    const cases = [
      [{ from: "mi5" }, "input.from"],
      [{ from: "probe-1" }, "input.from"],
      [{ to: "not-an-id" }, "input.to"],
      [{ to: "" }, "input.to"],
      [{ to: ONE }, "input.to"],
      [{ to: ONE.toUpperCase() }, "input.to"],
      [{ since: "2999" }, "input.since"],
      [{ since: `${new Date().getUTCFullYear() + 1}` }, "input.since"],
      [{ since: `${new Date().getUTCFullYear() + 1}-01-01` }, "input.since"],
      [{ since: "2007-13" }, "input.since"],
      [{ since: "2019-02-29" }, "input.since"],
      [{ since: "2007-02-30" }, "input.since"],
      [{ since: "07" }, "input.since"],
      [{ since: "" }, "input.since"],
      [{ description: "   " }, "input.description"],
      [{ description: "x".repeat(2001) }, "input.description"],
    ] as const;
    for (const [overrides, argument] of cases) {
      const response = await mutate("createRelationship", { ...NEW_LINK, ...overrides });
      expect(errorOf(response), JSON.stringify(overrides)).toMatchObject({ code: "BAD_USER_INPUT", argument });
    }
  });

  it("refuses an unknown enum value with a 400 before anything runs", async () => {
    const responses = [
      await mutate("createRelationship", { ...NEW_LINK, kind: "SPIES_ON" }),
      await mutate("createRelationship", { ...NEW_LINK, status: "PAUSED" }),
      await mutate("updateRelationship", { id: LINK, version: 1, kind: "SPIES_ON" }),
      await mutate("updateRelationship", { id: LINK, version: 1, closeness: "INTIMATE" }),
    ];
    for (const response of responses) {
      expect(response.status).toBe(400);
      expect(errorCode(response)).toBe("BAD_USER_INPUT");
    }
  });
});

describe("changes to a link", () => {
  it("refuses bad input, naming the field", async () => {
    const cases: [Mutation, Record<string, unknown>, string][] = [
      ["updateRelationship", { id: "not-an-id" }, "input.id"],
      ["updateRelationship", { since: `${new Date().getUTCFullYear() + 1}-01` }, "input.since"],
      ["updateRelationship", { since: "2007-13" }, "input.since"],
      ["updateRelationship", { since: "" }, "input.since"],
      ["updateRelationship", { description: "" }, "input.description"],
      ["updateRelationship", { description: "x".repeat(2001) }, "input.description"],
      ["updateRelationship", { idempotencyKey: " " }, "input.idempotencyKey"],
      ["suspendRelationship", { reason: "  " }, "input.reason"],
      ["suspendRelationship", { reason: "x".repeat(501) }, "input.reason"],
      ["suspendRelationship", { id: "mi5" }, "input.id"],
      ["resumeRelationship", { id: "" }, "input.id"],
      ["deleteRelationship", { id: "12345" }, "input.id"],
    ];
    for (const [mutation, overrides, argument] of cases) {
      const response = await mutate(mutation, { id: LINK, version: 1, ...overrides });
      expect(errorOf(response), `${mutation} ${JSON.stringify(overrides)}`).toMatchObject({ code: "BAD_USER_INPUT", argument });
    }
  });
});

describe("reading the graph", () => {
  const NEIGHBOURHOOD = `query($representations: [_Any!]!, $depth: Int) {
    _entities(representations: $representations) { ... on Agency { neighbourhood(depth: $depth) { nodes { id } } } }
  }`;

  it("refuses a neighbourhood depth of 0, a negative one, or one over the cap", async () => {
    for (const depth of [0, -1, MAX_NEIGHBOURHOOD_DEPTH + 1, 1000]) {
      const response = await relationships.execute(NEIGHBOURHOOD, { representations: [{ __typename: "Agency", id: ONE }], depth });
      expect(errorOf(response), `depth ${depth}`).toMatchObject({ code: "BAD_USER_INPUT", argument: "depth" });
      expect(response.body.data).toEqual({ _entities: [{ neighbourhood: null }] });
    }
  });

  it("documents the depth's cap in the SDL", () => {
    expect(readSubgraphSdl("relationships")).toContain(`\`depth\` is 1 to ${MAX_NEIGHBOURHOOD_DEPTH}`);
  });

  it("refuses a malformed id, cursor or page size in a lookup, a list or a path, naming the argument", async () => {
    const cases = [
      [`{ relationship(id: "mi5") { id } }`, "id"],
      [`{ relationships(from: "mi5") { totalCount } }`, "from"],
      [`{ relationships(to: "x") { totalCount } }`, "to"],
      [`{ relationships(agency: "1") { totalCount } }`, "agency"],
      [`{ relationships(after: "not-a-cursor") { totalCount } }`, "after"],
      [`{ relationships(first: 101) { totalCount } }`, "first"],
      [`{ relationships(first: -1) { totalCount } }`, "first"],
      [`{ shortestPath(from: "${ONE}", to: "police scotland") { id } }`, "to"],
      [`{ shortestPath(from: "", to: "${TWO}") { id } }`, "from"],
    ] as const;
    for (const [query, argument] of cases) {
      expect(errorOf(await relationships.execute(query)), query).toMatchObject({ code: "BAD_USER_INPUT", argument });
    }
  });

  it("refuses an Agency reference with a malformed id, failing only that entity", async () => {
    const response = await relationships.execute(
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Agency { id } } }`,
      { representations: [{ __typename: "Agency", id: "malformed" }, { __typename: "Agency", id: ONE.toUpperCase() }] },
    );
    expect(errorOf(response)).toMatchObject({ code: "BAD_USER_INPUT", argument: "representations", path: ["_entities", 0] });
    expect(response.body.data).toEqual({ _entities: [null, { id: ONE }] });
  });
});
