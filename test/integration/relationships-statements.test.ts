import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ringDirectory } from "../support/generated-directory.ts";
import { startTestSupergraph, type GraphQLResponse, type TestSupergraph } from "../support/test-supergraph.ts";

// Every agency with its relationships and each partner's name, a page at a
// time: the operation a partners dashboard sends. Without batching, each
// agency on the page would cost statements of its own.
const OPERATION = /* GraphQL */ `
  query Directory($after: String) {
    agencies(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { name relationships { kind to { name } } partners { name } } }
    }
  }
`;

// Each agency links to the next three round a ring: six links and six
// partners each, whatever the size of the directory.
const LINKS_PER_AGENCY = 3;


/** Runs the operation over every page, answering the statements each page cost. */
async function statementsPerPage(liaison: TestSupergraph): Promise<{ agencies: number; statements: number }[]> {
  const pages = [];
  let after: string | null = null;
  do {
    liaison.statements.length = 0;
    const response: GraphQLResponse = await liaison.query(OPERATION, { after });
    expect(response.body.errors).toBeUndefined();
    const { edges, pageInfo } = response.body.data.agencies;
    for (const { node } of edges) {
      expect(node.relationships).toHaveLength(2 * LINKS_PER_AGENCY);
      expect(node.partners).toHaveLength(2 * LINKS_PER_AGENCY);
      expect(node.relationships.every((link: any) => typeof link.to.name === "string")).toBe(true);
    }
    pages.push({ agencies: edges.length, statements: liaison.statements.length });
    after = pageInfo.hasNextPage ? pageInfo.endCursor : null;
  } while (after);
  return pages;
}

const directories = [10, 500].map((size) => ({ size, pages: [] as { agencies: number; statements: number }[] }));

for (const directory of directories) {
  describe(`a directory of ${directory.size} agencies`, () => {
    let liaison: TestSupergraph;

    beforeAll(async () => {
      liaison = await startTestSupergraph({ seed: ringDirectory(directory.size, LINKS_PER_AGENCY) });
    });
    afterAll(() => liaison?.stop());

    it("lists every agency with its relationships and partners' names", async () => {
      directory.pages = await statementsPerPage(liaison);
      const listed = directory.pages.reduce((total, page) => total + page.agencies, 0);
      expect(listed).toBe(directory.size);
      expect(directory.pages).toHaveLength(Math.ceil(directory.size / 100));
    });
  });
}

describe("SQL statements per page", () => {
  it("are as few for a page of 100 agencies as for a page of 10", () => {
    const [small, large] = directories;
    const [smallPage] = small!.pages;
    expect(smallPage).toMatchObject({ agencies: 10 });
    // The agencies page, the relationships of all its agencies, and the
    // names of the agencies at the other ends: a handful, however many rows.
    expect(smallPage!.statements).toBeLessThanOrEqual(5);
    expect(large!.pages.map((page) => page.agencies)).toEqual([100, 100, 100, 100, 100]);
    for (const page of large!.pages) expect(page.statements).toBe(smallPage!.statements);
  });
});
