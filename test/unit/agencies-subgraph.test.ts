import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callers, inProcessSubgraph, type InProcessSubgraph } from "../support/in-process-subgraph.ts";
import { errorCode, errorOf } from "../support/responses.ts";

// What the agencies subgraph answers before it reads or writes anything:
// bad arguments and callers without the role. Its server runs with no
// database, so an answer here also proves nothing was stored.

let agencies: InProcessSubgraph;
beforeAll(async () => {
  agencies = await inProcessSubgraph("agencies");
});
afterAll(() => agencies?.stop());

const PAGE = /* GraphQL */ `
  query Page($kind: AgencyKind, $search: String, $first: Int, $after: String, $last: Int, $before: String) {
    agencies(kind: $kind, search: $search, first: $first, after: $after, last: $last, before: $before) {
      totalCount edges { node { slug } }
    }
  }
`;
const CREATE = /* GraphQL */ `
  mutation Create($input: CreateAgencyInput!) { createAgency(input: $input) { id } }
`;
const AGENCY_ID = "0190a000-0000-7000-8000-000000000001";

function newAgency(overrides: Record<string, unknown> = {}) {
  return {
    slug: "test-agency",
    name: "Test Agency",
    shortName: "TA",
    kind: "OTHER",
    jurisdiction: "UNITED_KINGDOM",
    description: "An agency made by a test.",
    ...overrides,
  };
}

describe("agency lookup", () => {
  it("refuses a malformed id, and both or neither of id and slug", async () => {
    for (const args of [`id: "mi5"`, `id: "x", slug: "mi5"`, ``]) {
      const response = await agencies.execute(`{ agency${args ? `(${args})` : ""} { id } }`);
      expect(errorCode(response), args).toBe("BAD_USER_INPUT");
      expect(response.body.data).toEqual({ agency: null });
    }
  });
});

describe("agency list arguments", () => {
  it("refuses a negative or too large page, a malformed cursor, and paging both ways at once, naming the argument", async () => {
    const cases = [
      [{ first: 2, last: 2 }, "last"],
      [{ after: "x", before: "y" }, "before"],
      [{ last: 101 }, "last"],
      [{ before: "not-a-cursor" }, "before"],
      [{ first: -1 }, "first"],
      [{ first: 101 }, "first"],
      [{ first: 2_000_000_000 }, "first"],
      [{ after: "not-a-cursor" }, "after"],
      [{ after: Buffer.from('["x","not-a-uuid"]').toString("base64url") }, "after"],
      [{ after: Buffer.from("{}").toString("base64url") }, "after"],
    ] as const;
    for (const [variables, argument] of cases) {
      const response = await agencies.execute(PAGE, variables);
      expect(errorOf(response), JSON.stringify(variables)).toMatchObject({ code: "BAD_USER_INPUT", argument });
      expect(response.body.data).toBeNull();
    }
  });

  it("refuses a search longer than 200 characters", async () => {
    const response = await agencies.execute(PAGE, { search: "x".repeat(201) });
    expect(errorOf(response)).toMatchObject({ code: "BAD_USER_INPUT", argument: "search" });
  });

  it("refuses an unknown kind as invalid GraphQL, with a 400", async () => {
    const response = await agencies.execute(`{ agencies(kind: SPIES) { totalCount } }`);
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});

describe("who may change the directory", () => {
  it("refuses readers and anonymous callers every mutation with FORBIDDEN", async () => {
    const mutations = [
      [CREATE, { input: newAgency() }],
      [`mutation($input: UpdateAgencyInput!) { updateAgency(input: $input) { id } }`, { input: { id: AGENCY_ID, version: 1, name: "x" } }],
      [`mutation($input: ArchiveAgencyInput!) { archiveAgency(input: $input) { id } }`, { input: { id: AGENCY_ID, version: 1 } }],
    ] as const;
    for (const caller of [callers.reader, callers.anonymous]) {
      for (const [mutation, variables] of mutations) {
        const response = await agencies.execute(mutation, variables, caller);
        expect(errorCode(response), `${caller.subject} ${mutation}`).toBe("FORBIDDEN");
        expect(response.body.data).toBeNull();
      }
    }
  });
});

describe("createAgency input", () => {
  it("names the field at fault", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "   " }, "input.name"],
      [{ description: "" }, "input.description"],
      [{ slug: "Not A Slug" }, "input.slug"],
      [{ slug: "trailing-" }, "input.slug"],
      [{ shortName: "" }, "input.shortName"],
      [{ name: "x".repeat(201) }, "input.name"],
    ];
    for (const [overrides, argument] of cases) {
      const response = await agencies.execute(CREATE, { input: newAgency(overrides) }, callers.editor);
      expect(errorOf(response), JSON.stringify(overrides)).toMatchObject({ code: "BAD_USER_INPUT", argument });
    }
  });

  it("refuses an unknown kind before anything runs, with a 400", async () => {
    const response = await agencies.execute(CREATE, { input: newAgency({ kind: "SPY_RING" }) }, callers.editor);
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
  });
});
