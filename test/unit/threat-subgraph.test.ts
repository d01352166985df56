import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeCursor } from "../../platform/graphql/pagination.ts";
import { callers, inProcessSubgraph, type InProcessSubgraph } from "../support/in-process-subgraph.ts";
import { dataOf, errorCode, errorOf } from "../support/responses.ts";

// What the threat subgraph answers without a database: the levels and
// their meanings, bad arguments, and callers without the role.

let threat: InProcessSubgraph;
beforeAll(async () => {
  threat = await inProcessSubgraph("threat");
});
afterAll(() => threat?.stop());

const HISTORY = /* GraphQL */ `
  query History($scope: ThreatScope, $first: Int, $after: String) {
    threatLevelHistory(scope: $scope, first: $first, after: $after) { totalCount }
  }
`;
const SET = /* GraphQL */ `
  mutation Set($input: SetThreatLevelInput!) { setThreatLevel(input: $input) { id } }
`;
const NEW_LEVEL = { scope: "NATIONAL", level: "LOW", reason: "A reason.", expectedVersion: 1, idempotencyKey: "set-1" };

describe("threat levels", () => {
  it("are listed lowest first, each with its official meaning", async () => {
    const response = await threat.execute(`{ threatLevels { level meaning } }`);
    expect(dataOf(response, "threatLevels")).toEqual([
      { level: "LOW", meaning: "An attack is highly unlikely." },
      { level: "MODERATE", meaning: "An attack is possible but not likely." },
      { level: "SUBSTANTIAL", meaning: "An attack is likely." },
      { level: "SEVERE", meaning: "An attack is highly likely." },
      { level: "CRITICAL", meaning: "An attack is highly likely in the near future." },
    ]);
  });
});

describe("reading arguments", () => {
  it("refuse a bad first or cursor of the history, naming the argument", async () => {
    // A cursor from another list: the agencies', sorted by name and id.
    const agenciesCursor = encodeCursor(["Security Service", "0190a000-0000-7000-8000-000000000001"]);
    const cases = [
      [{ first: -1 }, "first"],
      [{ first: 101 }, "first"],
      [{ after: "not-a-cursor" }, "after"],
      [{ after: agenciesCursor }, "after"],
      [{ after: Buffer.from("[]").toString("base64url") }, "after"],
    ] as const;
    for (const [variables, argument] of cases) {
      const response = await threat.execute(HISTORY, variables);
      expect(errorOf(response), JSON.stringify(variables)).toMatchObject({ code: "BAD_USER_INPUT", argument });
      expect(response.body.data).toBeNull();
    }
  });
});

describe("setThreatLevel", () => {
  it("is refused to editors, readers and anonymous callers with FORBIDDEN", async () => {
    for (const caller of [callers.editor, callers.reader, callers.anonymous]) {
      const response = await threat.execute(SET, { input: NEW_LEVEL }, caller);
      expect(errorCode(response), JSON.stringify(response.body)).toBe("FORBIDDEN");
      expect(response.body.data).toBeNull();
    }
  });

  it("names the field at fault in bad input", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ reason: "" }, "input.reason"],
      [{ reason: "   " }, "input.reason"],
      [{ reason: "x".repeat(2001) }, "input.reason"],
      [{ since: new Date(Date.now() + 3_600_000).toISOString() }, "input.since"],
      [{ expectedVersion: -1 }, "input.expectedVersion"],
      [{ idempotencyKey: "" }, "input.idempotencyKey"],
    ];
    for (const [overrides, argument] of cases) {
      const response = await threat.execute(SET, { input: { ...NEW_LEVEL, ...overrides } }, callers.admin);
      expect(errorOf(response), JSON.stringify(overrides)).toMatchObject({ code: "BAD_USER_INPUT", argument });
    }
  });

  it("refuses an unknown level or scope as invalid GraphQL (400), before anything runs", async () => {
    for (const overrides of [{ level: "EXTREME" }, { scope: "SCOTLAND" }]) {
      const response = await threat.execute(SET, { input: { ...NEW_LEVEL, ...overrides } }, callers.admin);
      expect(response.status, JSON.stringify(overrides)).toBe(400);
      expect(errorCode(response)).toBe("BAD_USER_INPUT");
    }
    const literal = await threat.execute(
      `mutation { setThreatLevel(input: { scope: NATIONAL, level: EXTREME, reason: "x", idempotencyKey: "x" }) { id } }`,
      undefined,
      callers.admin,
    );
    expect(literal.status).toBe(400);
    expect(errorCode(literal)).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});
