import { buildSchema, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { checkArguments } from "../../gateway/input-checks.ts";

// The gateway's scalar checks, on a schema of their own: which argument or
// input field they name, whether the value came as a literal or a variable.

const schema = buildSchema(`
  scalar DateTime
  input Window { since: DateTime, labels: [String!] }
  input Filter { window: Window, ids: [ID!] }
  type Query {
    trail(since: DateTime, filter: Filter, search: String): Int
  }
`);

function fault(query: string, variables: Record<string, unknown> = {}) {
  try {
    checkArguments(parse(query), schema, variables);
    return undefined;
  } catch (error) {
    const { message, extensions } = error as { message: string; extensions: Record<string, unknown> };
    return { code: extensions.code, argument: extensions.argument, message };
  }
}

describe("checkArguments", () => {
  it("passes well-formed values, absent ones and nulls", () => {
    expect(fault(`{ trail(since: "2026-01-31T09:00:00Z", search: "mi5") }`)).toBeUndefined();
    expect(fault(`query($f: Filter) { trail(filter: $f) }`, { f: { window: { since: null, labels: ["a"] }, ids: ["x"] } })).toBeUndefined();
    expect(fault(`query($s: DateTime) { trail(since: $s) }`)).toBeUndefined();
  });

  it.each([
    [`{ trail(since: "notadate") }`, {}, "since"],
    [`query($s: DateTime) { trail(since: $s) }`, { s: "2026-13-01T00:00:00Z" }, "since"],
    [`{ trail(filter: { window: { since: "monday" } }) }`, {}, "filter.window.since"],
    [`query($w: Window) { trail(filter: { window: $w }) }`, { w: { since: "monday" } }, "filter.window.since"],
    [`query($f: Filter) { trail(filter: $f) }`, { f: { window: { labels: ["ok", "nul\u0000"] } } }, "filter.window.labels"],
    [`query($f: Filter) { trail(filter: $f) }`, { f: { ids: ["\u0000"] } }, "filter.ids"],
    [`{ trail(search: "a\\u0000b") }`, {}, "search"],
  ])("refuses %s as BAD_USER_INPUT naming %s", (query, variables, argument) => {
    expect(fault(query, variables)).toMatchObject({ code: "BAD_USER_INPUT", argument, message: expect.stringContaining(`\`${argument}\``) });
  });

  it("checks arguments inside fragments too", () => {
    expect(fault(`{ ...F } fragment F on Query { trail(since: "notadate") }`)).toMatchObject({ argument: "since" });
  });
});
