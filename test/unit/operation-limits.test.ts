import { buildSchema, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { OPERATION_LIMITS, operationLimits } from "../../gateway/operation-limits.ts";

// The gateway's bounds on one operation, at their edges: what passes at the
// limit and what one more refuses. Through the gateway, agencies.test.ts.

const schema = buildSchema(`
  type Query { agency: Agency }
  type Agency { name: String, partners: [Agency!]! }
`);
const { validationRules, parseOptions } = operationLimits({ development: false });

function problems(query: string): string[] {
  return validate(schema, parse(query, parseOptions), validationRules).map((error) => error.message);
}

/** An operation `depth` fields deep: agency, then partners below it. */
function nested(depth: number): string {
  return `{ agency { ${"partners { ".repeat(depth - 2)}name${" }".repeat(depth - 2)} } }`;
}

describe("operation limits", () => {
  it("pass an operation as deep as the limit and refuse one deeper", () => {
    expect(problems(nested(OPERATION_LIMITS.depth))).toEqual([]);
    expect(problems(nested(OPERATION_LIMITS.depth + 1)).join()).toMatch(/depth/i);
  });

  it("pass as many aliases as the limit and refuse one more", () => {
    const aliases = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: agency { name }`).join(" ")} }`;
    expect(problems(aliases(OPERATION_LIMITS.aliases))).toEqual([]);
    expect(problems(aliases(OPERATION_LIMITS.aliases + 1)).join()).toMatch(/alias/i);
  });

  it("refuse to parse an operation of more tokens than the limit", () => {
    const tokens = (count: number) => `{ ${"agency { name } ".repeat(Math.floor((count - 2) / 4))} }`;
    expect(() => parse(tokens(OPERATION_LIMITS.tokens - 100), parseOptions)).not.toThrow();
    expect(() => parse(tokens(OPERATION_LIMITS.tokens + 100), parseOptions)).toThrow(/token/i);
  });
});
