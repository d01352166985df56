import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSupergraph, type TestSupergraph } from "../support/test-supergraph.ts";

// Every connection pages forwards (`first`, `after`) and backwards (`last`,
// `before`) over the same list in the same order.

interface Page {
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

let liaison: TestSupergraph;
let adminToken: string;

beforeAll(async () => {
  liaison = await startTestSupergraph();
  adminToken = await liaison.tokenFor("admin");
  const editor = await liaison.tokenFor("editor");
  for (const slug of ["page-one", "page-two", "page-three", "page-four"]) {
    const created = await liaison.query(
      `mutation ($input: CreateAgencyInput!) { createAgency(input: $input) { id } }`,
      { input: { slug, name: `Paging ${slug}`, kind: "OTHER", jurisdiction: "UNITED_KINGDOM", description: "Made to page through." } },
      { token: editor },
    );
    expect(created.body.errors).toBeUndefined();
  }
});
afterAll(() => liaison?.stop());

/** A connection field with its arguments, as `(arguments) => selection`. */
const connections: Record<string, (args: string) => string> = {
  agencies: (args) => `agencies(${args})`,
  relationships: (args) => `relationships(${args})`,
  news: (args) => `news(${args})`,
  threatLevelHistory: (args) => `threatLevelHistory(${args})`,
  auditTrail: (args) => `auditTrail(${args})`,
};

async function page(field: string, args: Record<string, unknown>): Promise<Page> {
  const argumentList = Object.entries(args)
    .map(([name, value]) => `${name}: ${JSON.stringify(value)}`)
    .join(", ");
  const response = await liaison.query(
    `{ page: ${connections[field]!(argumentList)} { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
    undefined,
    { token: adminToken },
  );
  expect(response.body.errors).toBeUndefined();
  return response.body.data.page;
}

async function walk(field: string, direction: "forwards" | "backwards", size: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (;;) {
    const args = direction === "forwards" ? { first: size, ...(cursor && { after: cursor }) } : { last: size, ...(cursor && { before: cursor }) };
    const { edges, pageInfo } = await page(field, args);
    const nodes = edges.map((edge) => edge.node.id);
    if (direction === "forwards") ids.push(...nodes);
    else ids.unshift(...nodes);
    const more = direction === "forwards" ? pageInfo.hasNextPage : pageInfo.hasPreviousPage;
    if (!more) return ids;
    cursor = direction === "forwards" ? pageInfo.endCursor : pageInfo.startCursor;
  }
}

describe.each(Object.keys(connections))("%s", (field) => {
  it("lists the same items in the same order backwards as forwards", async () => {
    const all = (await page(field, { first: 100 })).edges.map((edge) => edge.node.id);
    expect(all.length).toBeGreaterThan(0);
    expect(await walk(field, "forwards", 2)).toEqual(all);
    expect(await walk(field, "backwards", 2)).toEqual(all);
  });

  it("answers the last items with an earlier page behind them", async () => {
    const all = (await page(field, { first: 100 })).edges.map((edge) => edge.node.id);
    const last = await page(field, { last: 1 });
    expect(last.edges.map((edge) => edge.node.id)).toEqual(all.slice(-1));
    expect(last.pageInfo).toMatchObject({ hasPreviousPage: all.length > 1, hasNextPage: false });
  });
});
