import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agencies as seededAgencies } from "../../subgraphs/agencies/seed-data.ts";
import { errorCode } from "../support/responses.ts";
import { startTestSupergraph, type TestSupergraph } from "../support/test-supergraph.ts";

let liaison: TestSupergraph;

beforeAll(async () => {
  liaison = await startTestSupergraph();
});
afterAll(() => liaison?.stop());

const PAGE = /* GraphQL */ `
  query Page($kind: AgencyKind, $jurisdiction: Jurisdiction, $search: String, $first: Int, $after: String) {
    agencies(kind: $kind, jurisdiction: $jurisdiction, search: $search, first: $first, after: $after) {
      totalCount
      edges { cursor node { slug name kind jurisdiction } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`;

async function page(variables: Record<string, unknown>) {
  const response = await liaison.query(PAGE, variables);
  expect(response.body.errors).toBeUndefined();
  return response.body.data.agencies;
}

function slugs(connection: { edges: { node: { slug: string } }[] }) {
  return connection.edges.map((edge) => edge.node.slug);
}

describe("agency lookup", () => {
  it("answers the README's example query", async () => {
    const response = await liaison.query(`{
      agency(slug: "mi5") { name shortName kind }
      agencies(kind: GOVERNMENT_DEPARTMENT) { totalCount edges { node { slug } } }
    }`);
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.agency).toEqual({ name: "MI5", shortName: "MI5", kind: "INTELLIGENCE_AGENCY" });
    const departments = slugs(response.body.data.agencies);
    expect(departments).toEqual(expect.arrayContaining(["home-office", "fco", "cabinet-office", "nio", "bis", "mod"]));
    expect(response.body.data.agencies.totalCount).toBe(departments.length);
  });

  it("finds an agency by id as well as by slug", async () => {
    const bySlug = await liaison.query(`{ agency(slug: "gchq") { id slug description jurisdiction } }`);
    const gchq = bySlug.body.data.agency;
    expect(gchq.slug).toBe("gchq");
    expect(gchq.description.length).toBeGreaterThan(20);
    const byId = await liaison.query(`query($id: ID!) { agency(id: $id) { id slug } }`, { id: gchq.id });
    expect(byId.body.data.agency).toEqual({ id: gchq.id, slug: "gchq" });
  });

  it("answers null for an unknown slug or id", async () => {
    const response = await liaison.query(`{
      bySlug: agency(slug: "no-such-agency") { id }
      byId: agency(id: "00000000-0000-7000-8000-000000000000") { id }
    }`);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({ bySlug: null, byId: null });
  });

  it("says where each agency comes from, leaves null what the page does not give, and keeps other names apart", async () => {
    const response = await liaison.query(`{
      mi5: agency(slug: "mi5") { name shortName jurisdiction sourced source { document section quote } aliases { name sourced source { quote } } }
      met: agency(slug: "met") { name shortName jurisdiction description sourced aliases { name sourced } }
      everyone: agencies(first: 100) { edges { node { slug sourced source { document } } } }
    }`);
    expect(response.body.errors).toBeUndefined();
    const { mi5, met, everyone } = response.body.data;
    expect(mi5).toEqual({
      name: "MI5",
      shortName: "MI5",
      jurisdiction: "UNITED_KINGDOM",
      sourced: true,
      source: { document: "working-with-partners", section: "Government departments", quote: "MI5 works particularly closely" },
      aliases: [{ name: "Security Service", sourced: false, source: null }],
    });
    // The page says "Metropolitan Police" and nothing of where it polices.
    expect(met).toEqual({
      name: "Metropolitan Police",
      shortName: null,
      jurisdiction: null,
      description: null,
      sourced: true,
      aliases: [
        { name: "Met", sourced: false },
        { name: "Metropolitan Police Service", sourced: false },
      ],
    });
    for (const { node } of everyone.edges) expect(node, node.slug).toMatchObject({ sourced: true, source: { document: "working-with-partners" } });
  });

  it("seeds every organisation the page names", async () => {
    const everything = await page({ first: 100 });
    expect(everything.totalCount).toBe(seededAgencies.length);
    expect(slugs(everything).sort()).toEqual(seededAgencies.map((agency) => agency.slug).sort());
  });
});

describe("agency filters", () => {
  it("filters by kind", async () => {
    const police = await page({ kind: "POLICE_FORCE", first: 100 });
    expect(slugs(police)).toEqual(expect.arrayContaining(["met", "psni", "police-scotland"]));
    expect(police.edges.every((edge: any) => edge.node.kind === "POLICE_FORCE")).toBe(true);
    expect(police.totalCount).toBe(police.edges.length);
  });

  it("filters by jurisdiction", async () => {
    const northernIreland = await page({ jurisdiction: "NORTHERN_IRELAND", first: 100 });
    expect(slugs(northernIreland)).toContain("psni");
    expect(northernIreland.edges.every((edge: any) => edge.node.jurisdiction === "NORTHERN_IRELAND")).toBe(true);
  });

  it("searches names, short names and aliases, ignoring case", async () => {
    expect(slugs(await page({ search: "mi5" }))).toEqual(["mi5"]);
    expect(slugs(await page({ search: "SCOTLAND" }))).toContain("police-scotland");
    expect(slugs(await page({ search: "crime agency" }))).toEqual(["nca"]);
    // Names the page does not use find the agency too.
    expect(slugs(await page({ search: "mi6" }))).toEqual(["sis"]);
    expect(slugs(await page({ search: "Security Service" }))).toEqual(["mi5"]);
    // `%`, `_` and `\` match themselves, not any text.
    for (const search of ["%", "_", "m_5", "\\"]) expect(slugs(await page({ search })), search).toEqual([]);
    const none = await page({ search: "zzz-nothing" });
    expect(none).toMatchObject({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it("combines filters", async () => {
    const result = await page({ kind: "POLICE_FORCE", jurisdiction: "SCOTLAND" });
    expect(slugs(result)).toEqual(["police-scotland"]);
    expect(result.totalCount).toBe(1);
  });

});

describe("agency pagination", () => {
  it("walks every page in name order without gaps or repeats", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const result: any = await page({ first: 3, after });
      seen.push(...result.edges.map((edge: any) => edge.node.name));
      expect(result.pageInfo.hasPreviousPage).toBe(after !== null);
      after = result.pageInfo.hasNextPage ? result.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    expect(seen).toHaveLength(seededAgencies.length);
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBe(Math.ceil(seededAgencies.length / 3));
    expect(seen).toEqual([...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it("keeps filters across pages", async () => {
    const first = await page({ kind: "GOVERNMENT_DEPARTMENT", first: 2 });
    const second = await page({ kind: "GOVERNMENT_DEPARTMENT", first: 100, after: first.pageInfo.endCursor });
    expect(first.totalCount).toBe(second.totalCount);
    expect(first.edges.length + second.edges.length).toBe(first.totalCount);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it("answers an empty page for first: 0, still counting", async () => {
    const result = await page({ first: 0 });
    expect(result).toMatchObject({
      edges: [],
      totalCount: seededAgencies.length,
      pageInfo: { hasNextPage: true, startCursor: null, endCursor: null },
    });
  });

});

describe("agency entity", () => {
  it("resolves references through _entities, in order, with null for unknown ids and BAD_USER_INPUT for a malformed one", async () => {
    const mi5 = (await liaison.query(`{ agency(slug: "mi5") { id } }`)).body.data.agency;
    const sis = (await liaison.query(`{ agency(slug: "sis") { id } }`)).body.data.agency;
    const response = await liaison.querySubgraph(
      "agencies",
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Agency { slug } } }`,
      {
        representations: [
          { __typename: "Agency", id: sis.id },
          { __typename: "Agency", id: "00000000-0000-7000-8000-000000000000" },
          { __typename: "Agency", id: "malformed" },
          { __typename: "Agency", id: mi5.id },
        ],
      },
      { token: await liaison.gatewayTokenFor("agencies") },
    );
    expect(response.body.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[["_entities", 2], "BAD_USER_INPUT"]]);
    expect(response.body.data._entities).toEqual([{ slug: "sis" }, null, null, { slug: "mi5" }]);
  });

  it("answers a page of references from memory, and reads only the unknown ids, in one statement", async () => {
    const all = await liaison.query(`{ agencies(first: 10) { edges { node { id } } } }`);
    const known = all.body.data.agencies.edges.map((edge: any) => ({ __typename: "Agency", id: edge.node.id }));
    expect(known).toHaveLength(10);
    const unknown = ["00000000-0000-7000-8000-000000000000", "0190a2c1-0000-7000-8000-00000000beef"].map((id) => ({ __typename: "Agency", id }));
    const entities = async (representations: unknown[]) => {
      liaison.statements.length = 0;
      const response = await liaison.querySubgraph(
        "agencies",
        `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Agency { slug } } }`,
        { representations },
        { token: await liaison.gatewayTokenFor("agencies") },
      );
      expect(response.body.errors).toBeUndefined();
      return { answered: response.body.data._entities, selects: liaison.statements.filter((sql) => /\bSELECT\b/i.test(sql)) };
    };

    const fromMemory = await entities(known);
    expect(fromMemory.answered).toHaveLength(10);
    expect(fromMemory.selects).toEqual([]);

    const withUnknown = await entities([...known, ...unknown]);
    expect(withUnknown.answered.slice(0, 10)).toEqual(fromMemory.answered);
    expect(withUnknown.answered.slice(10)).toEqual([null, null]);
    expect(withUnknown.selects).toHaveLength(1);
  });
});

describe("gateway", () => {
  it("reports each subgraph's health", async () => {
    const response = await fetch(new URL("/health", liaison.supergraph.gateway.url));
    expect(response.status).toBe(200);
    const report = await response.json();
    expect(report.ok).toBe(true);
    expect(report.subgraphs.agencies.ok).toBe(true);
  });

  it("refuses a malformed operation with a GraphQL error", async () => {
    const response = await liaison.query(`{ agencies( }`);
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe("GRAPHQL_PARSE_FAILED");
  });
});

describe("operation limits", () => {
  it("refuses an operation nested deeper than the limit before running it", async () => {
    const nest = (levels: number) => `${"... on Agency { ".repeat(levels)} name ${"} ".repeat(levels)}`;
    const shallow = await liaison.query(`{ agencies { edges { node { ${nest(3)} } } } }`);
    expect(shallow.body.errors).toBeUndefined();
    const deep = await liaison.query(`{ agencies { edges { node { ${nest(12)} } } } }`);
    expect(deep.body.errors?.[0]?.message).toMatch(/depth/i);
    expect(deep.body.data ?? null).toBeNull();
  });

  it("refuses an operation with too many aliases", async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: agency(slug: "mi5") { name }`).join(" ");
    const response = await liaison.query(`{ ${aliases} }`);
    expect(response.body.errors?.[0]?.message).toMatch(/alias/i);
    expect(response.body.data ?? null).toBeNull();
  });

  it("refuses an operation of too many tokens as a parse failure", async () => {
    const response = await liaison.query(`{ ${"__typename ".repeat(3000)} }`);
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe("GRAPHQL_PARSE_FAILED");
    expect(response.body.errors?.[0]?.message).toMatch(/token/i);
  });
});
