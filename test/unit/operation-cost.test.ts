import { readFileSync } from "node:fs";
import { buildSchema, getOperationAST, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { CostLimit } from "../../gateway/cost/cost-limit.ts";
import { operationCost } from "../../gateway/cost/operation-cost.ts";
import { exampleOperations } from "../../gateway/explorer.ts";
import { OPERATION_LIMITS } from "../../gateway/operation-limits.ts";
import { LIST_SIZE_OF } from "../../schema/list-sizes.ts";
import { ATTACKS } from "../../scripts/abuse/attacks.ts";

// Pricing an operation by the values its result is expected to hold, lists
// multiplying what they hold. Through the gateway: adversarial-cost.test.ts.

const api = buildSchema(readFileSync(new URL("../../schema/api.graphql", import.meta.url), "utf8"));

function cost(query: string, variables?: Record<string, unknown>, operationName?: string) {
  const document = parse(query);
  return operationCost(api, document, getOperationAST(document, operationName)!, variables);
}

const typical = (coordinate: string) => {
  const size = LIST_SIZE_OF.get(coordinate)!;
  if (size.kind === "walk") throw new Error(`${coordinate} is sized by its walk`);
  return size.typical;
};

/** partners nested `depth` deep below MI5, each level asking for its slug. */
const nestedPartners = (depth: number) => `{ agency(slug: "mi5") { ${"partners { slug ".repeat(depth)}${"} ".repeat(depth)}} }`;

describe("an operation's cost", () => {
  it("counts each field of an object once", () => {
    expect(cost(`{ agency(slug: "mi5") { id name kind } }`).typical).toBe(4);
  });

  it("multiplies what a list holds by its typical size, and by its largest for the worst case", () => {
    const partners = typical("Agency.partners");
    // agency, its partners list, and per partner the partner and its slug.
    expect(cost(nestedPartners(1))).toEqual({ typical: 2 + partners * 2, worst: 2 + 1_000 * 2 });
  });

  it("multiplies through every nesting of lists", () => {
    const partners = typical("Agency.partners");
    const levels = [1, 2, 3, 4].map((depth) => cost(nestedPartners(depth)).typical);
    for (let depth = 1; depth < levels.length; depth++) {
      expect(levels[depth]! / levels[depth - 1]!).toBeGreaterThan(partners * 0.9);
    }
  });

  it("sizes a page by first or last, literally or in a variable, and by its default otherwise", () => {
    const page = (args: string, variables?: Record<string, unknown>) =>
      cost(`query($n: Int) { agencies${args} { edges { node { slug } } } }`, variables).typical;
    // The connection, its edges list, then per edge the edge, its node and the slug.
    expect(page("(first: 7)")).toBe(2 + 7 * 3);
    expect(page("(last: 7)")).toBe(2 + 7 * 3);
    expect(page("(first: $n)", { n: 7 })).toBe(2 + 7 * 3);
    expect(page("")).toBe(2 + 20 * 3);
    expect(page("(first: $n)", {})).toBe(2 + 20 * 3);
  });

  it("prices a page no larger than a subgraph answers", () => {
    const page = (first: number) => cost(`{ agencies(first: ${first}) { edges { node { slug } } } }`).typical;
    expect(page(100_000)).toBe(page(100));
  });

  it("sizes a field's own page by its argument's default", () => {
    expect(cost(`{ agency(slug: "mi5") { news { title } } }`).typical).toBe(2 + 5 * 2);
    expect(cost(`{ agency(slug: "mi5") { news(first: 50) { title } } }`).typical).toBe(2 + 50 * 2);
  });

  it("grows a walk with its depth", () => {
    const walk = (depth: string, variables?: Record<string, unknown>) =>
      cost(`query($d: Int!) { agency(slug: "mi5") { neighbourhood(depth: ${depth}) { nodes { slug } } } }`, variables).typical;
    // agency, its neighbourhood, the nodes list, then per node the node and its slug.
    expect(walk("1")).toBe(3 + 10 * 2);
    expect(walk("2")).toBe(3 + 100 * 2);
    expect(walk("$d", { d: 3 })).toBe(3 + 1_000 * 2);
  });

  it("prices a list at its largest when an argument cannot be read", () => {
    const walk = cost(`query($d: Int!) { agency(slug: "mi5") { neighbourhood(depth: $d) { nodes { slug } } } }`, { d: "deep" });
    expect(walk.typical).toBe(3 + 2_000 * 2);
    const page = cost(`query($n: Int) { agencies(first: $n) { edges { node { slug } } } }`, { n: "all" });
    expect(page.typical).toBe(2 + 100 * 3);
  });

  it("adds up aliases and fragments, wherever they sit", () => {
    const once = cost(`{ agency(slug: "mi5") { partners { slug } } }`).typical;
    expect(cost(`{ a: agency(slug: "mi5") { partners { slug } } b: agency(slug: "mi5") { partners { slug } } }`).typical).toBe(2 * once);
    expect(cost(`{ agency(slug: "mi5") { ...P } } fragment P on Agency { partners { slug } }`).typical).toBe(once);
    expect(cost(`{ agency(slug: "mi5") { ... on Agency { partners { slug } } } }`).typical).toBe(once);
  });

  it("prices the operation named, for its own variables", () => {
    const document = `query One { agency(slug: "mi5") { id } } query Many($n: Int) { agencies(first: $n) { edges { node { slug } } } }`;
    expect(cost(document, undefined, "One").typical).toBe(2);
    expect(cost(document, { n: 100 }, "Many").typical).toBe(2 + 100 * 3);
  });

  it("prices a field asked twice, or a fragment spread twice, once, as it is answered once", () => {
    const once = cost(`{ agency(slug: "mi5") { partners { slug } } }`).typical;
    expect(cost(`{ agency(slug: "mi5") { partners { slug } partners { slug } } }`).typical).toBe(once);
    expect(cost(`{ agency(slug: "mi5") { ...P ...P ...Q } } fragment P on Agency { partners { slug } } fragment Q on Agency { partners { slug } }`).typical).toBe(once);
    const doubling = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Agency { partners { ...F${i + 1} ...F${i + 1} } }`);
    const deep = cost([`{ agency(slug: "mi5") { ...F0 } }`, ...doubling, `fragment F40 on Agency { slug }`].join("\n")).typical;
    expect(deep).toBe(cost(`{ agency(slug: "mi5") { ${"partners { ".repeat(40)}slug${" }".repeat(40)} } }`).typical);
  });

  it("multiplies fragments of aliases, and takes an operation of too many response paths as priceless", () => {
    const aliases = (i: number) => Array.from({ length: 10 }, (_, a) => `a${a}: partners { ...F${i + 1} }`).join(" ");
    const fragments = (levels: number) => [
      `{ agency(slug: "mi5") { ...F0 } }`,
      ...Array.from({ length: levels }, (_, i) => `fragment F${i} on Agency { ${aliases(i)} }`),
      `fragment F${levels} on Agency { slug }`,
    ].join("\n");
    expect(cost(fragments(2)).typical).toBe(cost(`{ agency(slug: "mi5") { ${aliases(-1).replaceAll("...F0", aliases(0).replaceAll("...F1", "slug"))} } }`).typical);
    expect(cost(fragments(12)).typical).toBe(Infinity);
  });
});

describe("the cost limit", () => {
  it.each(ATTACKS.map((attack) => [attack.name, attack] as const))("%s is priced as expected", (_name, attack) => {
    const { typical } = cost(attack.query, attack.variables);
    if (attack.expected === "refused") expect(typical).toBeGreaterThan(OPERATION_LIMITS.cost);
    else expect(typical).toBeLessThanOrEqual(OPERATION_LIMITS.cost);
  });

  it.each(exampleOperations().map((example) => [example.name, example.document]))(
    "admits the explorer's example %s",
    (_name, document) => {
      const parsed = parse(document);
      for (const definition of parsed.definitions) {
        if (definition.kind !== "OperationDefinition") continue;
        expect(operationCost(api, parsed, definition, { from: "a", to: "b" }).typical).toBeLessThanOrEqual(OPERATION_LIMITS.cost);
      }
    },
  );

  it("admits the relationship map's deepest walk", () => {
    const map = readFileSync(new URL("../../web/map/map.js", import.meta.url), "utf8");
    const fields = (name: string) => map.match(new RegExp(`const ${name} = "([^"]+)"`))![1];
    const query = `query Neighbourhood($id: ID!, $depth: Int!) { agency(id: $id) { neighbourhood(depth: $depth, status: null) { nodes { ${fields("AGENCY_FIELDS")} } edges { ${fields("LINK_FIELDS")} } } } }`;
    expect(cost(query, { id: "a", depth: 3 }).typical).toBeLessThanOrEqual(OPERATION_LIMITS.cost);
  });
});

describe("heavy operations", () => {
  const limit = new CostLimit({ limit: OPERATION_LIMITS.cost, heavy: OPERATION_LIMITS.heavyCost, heavyConcurrency: 1 });
  const isHeavy = (query: string, variables?: Record<string, unknown>) => limit.isHeavy(cost(query, variables));

  it.each(ATTACKS.filter((attack) => attack.expected === "admitted").map((attack) => [attack.name, attack] as const))(
    "the admitted attack %s takes turns",
    (_name, attack) => expect(isHeavy(attack.query, attack.variables)).toBe(true),
  );

  it("a page of agencies with their links does not, nor one agency's partners", () => {
    expect(isHeavy(`{ agencies(first: 50) { edges { node { id name relationships { kind status to { name } } } } } }`)).toBe(false);
    expect(isHeavy(`{ agency(slug: "mi5") { partners { slug partners { slug } } } }`)).toBe(false);
  });

  it("an operation whose largest result is open-ended does, though its typical one is small", () => {
    const query = `{ agencies(first: 10) { edges { node { relationships { to { relationships { kind } } } } } } }`;
    expect(cost(query).typical).toBeLessThanOrEqual(OPERATION_LIMITS.heavyCost.typical);
    expect(isHeavy(query)).toBe(true);
  });
});
