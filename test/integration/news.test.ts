import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import { seed as agenciesSeed } from "../../subgraphs/agencies/seed.ts";
import { errorCode } from "../support/responses.ts";
import { startTestSupergraph, type TestSupergraph } from "../support/test-supergraph.ts";

const FILES_RELEASE = "september-2019-release-of-historical-mi5-files";
const INCLUSION_WEEK = "mi5-supports-national-inclusion-week";
const UNKNOWN_ID = "00000000-0000-7000-8000-000000000000";

const FEED = /* GraphQL */ `
  query Feed($first: Int, $after: String, $agency: ID, $tag: String) {
    news(first: $first, after: $after, agency: $agency, tag: $tag) {
      totalCount
      edges { cursor node { slug } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`;

function slugs(connection: { edges: { node: { slug: string } }[] }) {
  return connection.edges.map((edge) => edge.node.slug);
}

describe("the page's news", () => {
  let liaison: TestSupergraph;
  let agencyIds: Record<string, string>;

  beforeAll(async () => {
    liaison = await startTestSupergraph();
    const response = await liaison.query(`{ agencies(first: 100) { edges { node { id slug } } } }`);
    agencyIds = Object.fromEntries(
      response.body.data.agencies.edges.map(({ node }: any) => [node.slug, node.id]),
    );
  });
  afterAll(() => liaison?.stop());

  async function feed(variables: Record<string, unknown>) {
    const response = await liaison.query(FEED, variables);
    expect(response.body.errors).toBeUndefined();
    return response.body.data.news;
  }

  describe("feed", () => {
    it("lists the page's two items newest first, with the agencies they mention", async () => {
      const response = await liaison.query(`{
        news {
          totalCount
          edges {
            node {
              slug title summary publishedAt publishedAtPrecision publicationDate tags mentions { slug name }
              sourced source { document section quote }
            }
          }
        }
      }`);
      expect(response.body.errors).toBeUndefined();
      const { totalCount, edges } = response.body.data.news;
      expect(totalCount).toBe(2);
      expect(edges.map((edge: any) => edge.node.title)).toEqual([
        "September 2019 release of historical MI5 files",
        "MI5 supports National Inclusion Week",
      ]);
      const [files, inclusion] = edges.map((edge: any) => edge.node);
      // The page dates the files release to its month, by its title, and gives the other item no date:
      // no day is answered that the page does not give.
      expect(files).toMatchObject({
        slug: FILES_RELEASE,
        publishedAt: null,
        publishedAtPrecision: "MONTH",
        publicationDate: "2019-09",
        tags: ["history", "archives"],
        mentions: [
          { slug: "mi5", name: "MI5" },
          { slug: "national-archives", name: "The National Archives" },
        ],
        sourced: true,
        source: { document: "working-with-partners", section: "Latest News", quote: "September 2019 release of historical MI5 files" },
      });
      expect(files.summary).toMatch(/National Archives/);
      expect(inclusion).toMatchObject({
        slug: INCLUSION_WEEK,
        publishedAt: null,
        publishedAtPrecision: null,
        publicationDate: null,
        mentions: [{ slug: "mi5" }],
        sourced: true,
      });
      expect(inclusion.summary).toMatch(/fourth/);
    });

    it("filters by the agency mentioned", async () => {
      expect(slugs(await feed({ agency: agencyIds.mi5 }))).toEqual([FILES_RELEASE, INCLUSION_WEEK]);
      expect(slugs(await feed({ agency: agencyIds["national-archives"] }))).toEqual([FILES_RELEASE]);
      expect(await feed({ agency: agencyIds.gchq })).toMatchObject({ totalCount: 0, edges: [] });
      expect(await feed({ agency: UNKNOWN_ID })).toMatchObject({ totalCount: 0, edges: [] });
    });

    it("filters by tag, ignoring case, and combines filters", async () => {
      expect(slugs(await feed({ tag: "history" }))).toEqual([FILES_RELEASE]);
      expect(slugs(await feed({ tag: "Inclusion" }))).toEqual([INCLUSION_WEEK]);
      expect(await feed({ tag: "no-such-tag" })).toMatchObject({ totalCount: 0, edges: [] });
      const both = await feed({ tag: "archives", agency: agencyIds["national-archives"] });
      expect(slugs(both)).toEqual([FILES_RELEASE]);
      expect(both.totalCount).toBe(1);
      expect(await feed({ tag: "inclusion", agency: agencyIds["national-archives"] })).toMatchObject({ totalCount: 0 });
    });

    it("pages newest first with cursors", async () => {
      const first = await feed({ first: 1 });
      expect(slugs(first)).toEqual([FILES_RELEASE]);
      expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
      const second = await feed({ first: 1, after: first.pageInfo.endCursor });
      expect(slugs(second)).toEqual([INCLUSION_WEEK]);
      expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
      const beyond = await feed({ first: 1, after: second.pageInfo.endCursor });
      expect(beyond).toMatchObject({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    });

  });

  describe("article", () => {
    it("finds an article by slug, and answers null for an unknown slug", async () => {
      const response = await liaison.query(`{
        known: article(slug: "${INCLUSION_WEEK}") { title tags mentions { shortName } }
        unknown: article(slug: "no-such-article") { title }
      }`);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data).toEqual({
        known: { title: "MI5 supports National Inclusion Week", tags: ["inclusion"], mentions: [{ shortName: "MI5" }] },
        unknown: null,
      });
    });

    it("finds an article by id as by slug", async () => {
      const bySlug = await liaison.query(`{ article(slug: "mi5-supports-national-inclusion-week") { id title } }`);
      const { id, title } = bySlug.body.data.article;
      const byId = await liaison.query(`query ($id: ID!) { article(id: $id) { title } }`, { id: id.toUpperCase() });
      expect(byId.body.data.article).toEqual({ title });
    });
  });

  describe("fact or fiction", () => {
    it("holds the page's statement, its answer unknown", async () => {
      const response = await liaison.query(`{ factOrFiction { slug statement verdict explanation sourced source { section quote } } }`);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data.factOrFiction).toEqual([
        {
          slug: "baker-street-training-facility",
          statement: "MI5 has a secret training facility under Baker Street tube station.",
          verdict: "UNKNOWN",
          explanation: null,
          sourced: true,
          source: { section: "Fact or Fiction?", quote: "a secret training facility under Baker Street tube station" },
        },
      ]);
    });
  });

  describe("Agency.news", () => {
    it("gives an agency's latest news, newest first, up to first", async () => {
      const response = await liaison.query(`{
        mi5: agency(slug: "mi5") { news { slug } latest: news(first: 1) { slug } }
        archives: agency(slug: "national-archives") { news { title } }
        gchq: agency(slug: "gchq") { news { slug } }
      }`);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data).toEqual({
        mi5: { news: [{ slug: FILES_RELEASE }, { slug: INCLUSION_WEEK }], latest: [{ slug: FILES_RELEASE }] },
        archives: { news: [{ title: "September 2019 release of historical MI5 files" }] },
        gchq: { news: [] },
      });
    });

    it("refuses a bad first but keeps the agency's own fields", async () => {
      const response = await liaison.query(`{ agency(slug: "mi5") { shortName news(first: -1) { slug } } }`);
      expect(errorCode(response)).toBe("BAD_USER_INPUT");
      expect(response.body.errors?.[0]?.path).toEqual(["agency", "news"]);
      expect(response.body.data).toEqual({ agency: { shortName: "MI5", news: null } });
    });
  });

  describe("NewsArticle entity", () => {
    // A malformed id is BAD_USER_INPUT (see ids.test.ts).
    it("resolves references through _entities, in order, with null for unknown ids", async () => {
      const ids = (await liaison.query(`{ news { edges { node { id slug } } } }`)).body.data.news.edges.map(
        (edge: any) => edge.node.id,
      );
      const response = await liaison.querySubgraph(
        "news",
        `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on NewsArticle { slug } } }`,
        {
          representations: [
            { __typename: "NewsArticle", id: ids[1] },
            { __typename: "NewsArticle", id: UNKNOWN_ID },
            { __typename: "NewsArticle", id: ids[0] },
          ],
        },
        { token: await liaison.gatewayTokenFor("news") },
      );
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data._entities).toEqual([{ slug: INCLUSION_WEEK }, null, { slug: FILES_RELEASE }]);
      // Type-level hints make entity fetches cacheable too.
      expect(response.headers.get("cache-control")).toBe("max-age=30, public");
    });
  });

  describe("cache hints", () => {
    it("lets the gateway's response be cached for 30 seconds when it reads only news", async () => {
      for (const query of [
        `{ news { edges { node { title publishedAt tags mentions { id } } } pageInfo { endCursor } totalCount } }`,
        `{ article(slug: "${FILES_RELEASE}") { title } }`,
        `{ factOrFiction { statement verdict } }`,
      ]) {
        const response = await liaison.query(query);
        expect(response.body.errors, query).toBeUndefined();
        expect(response.headers.get("cache-control"), query).toBe("max-age=30, public");
      }
    });

    it("does not let it be cached when it also reads the agencies subgraph, or fails", async () => {
      const withNames = await liaison.query(`{ news { edges { node { mentions { name } } } } }`);
      expect(withNames.body.errors).toBeUndefined();
      expect(withNames.headers.get("cache-control")).toBe("no-store");
      const failed = await liaison.query(FEED, { after: "not-a-cursor" });
      expect(failed.headers.get("cache-control")).toBe("no-store");
    });
  });
});

describe("news batching", () => {
  const AGENCIES = 120;
  const ARTICLES = 200;
  const MENTIONS_PER_ARTICLE = 3;
  let liaison: TestSupergraph;

  /** The page's agencies plus many more, and many articles mentioning several each. */
  async function seedManyArticles(prisma: PrismaClient) {
    await agenciesSeed.run(prisma);
    await prisma.agency.createMany({
      data: Array.from({ length: AGENCIES }, (_, index) => ({
        slug: `agency-${index}`,
        name: `Agency ${String(index).padStart(3, "0")}`,
        kind: "OTHER" as const,
        jurisdiction: "UNITED_KINGDOM" as const,
        description: "A generated agency.",
      })),
    });
    const agencies = await prisma.agency.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    await prisma.newsArticle.createMany({
      data: Array.from({ length: ARTICLES }, (_, index) => ({
        slug: `article-${index}`,
        title: `Article ${index}`,
        summary: "A generated article.",
        publishedAt: new Date(Date.UTC(2020, 0, 1, index)),
        tags: ["generated"],
      })),
    });
    const articles = await prisma.newsArticle.findMany({ select: { id: true }, orderBy: { slug: "asc" } });
    await prisma.articleMention.createMany({
      data: articles.flatMap((article, index) =>
        Array.from({ length: MENTIONS_PER_ARTICLE }, (_, offset) => ({
          articleId: article.id,
          agencyId: agencies[(index * MENTIONS_PER_ARTICLE + offset) % agencies.length]!.id,
        })),
      ),
    });
  }

  beforeAll(async () => {
    liaison = await startTestSupergraph({ seed: seedManyArticles });
  });
  afterAll(() => liaison?.stop());

  async function statementsFor(query: string) {
    liaison.statements.length = 0;
    const response = await liaison.query(query);
    expect(response.body.errors).toBeUndefined();
    return { data: response.body.data, statements: liaison.statements.length };
  }

  it("reads a feed page and the names of everything it mentions in the same few statements for 10 rows as for 100", async () => {
    const feed = (first: number) =>
      statementsFor(`{ news(first: ${first}) { edges { node { title mentions { name } } } } }`);
    const small = await feed(10);
    const large = await feed(100);
    expect(small.data.news.edges).toHaveLength(10);
    expect(large.data.news.edges).toHaveLength(100);
    expect(large.data.news.edges.every((edge: any) => edge.node.mentions.length === MENTIONS_PER_ARTICLE)).toBe(true);
    expect(large.statements).toBe(small.statements);
    // The feed, the mentions, and one lookup of every agency named.
    expect(large.statements).toBeLessThanOrEqual(3);
  });

  it("reads the latest news of a page of agencies in the same few statements for 10 agencies as for 100", async () => {
    const page = (first: number) =>
      statementsFor(`{ agencies(first: ${first}) { edges { node { slug news(first: 3) { title publishedAt } } } } }`);
    const small = await page(10);
    const large = await page(100);
    const lists = large.data.agencies.edges.map((edge: any) => edge.node.news);
    expect(lists).toHaveLength(100);
    expect(lists.filter((news: unknown[]) => news.length === 3).length).toBeGreaterThan(50);
    for (const news of lists) {
      const dates = news.map((article: any) => article.publishedAt);
      expect(dates).toEqual([...dates].sort().reverse());
    }
    expect(large.statements).toBe(small.statements);
    // The agencies, one ranking of every agency's articles, and the articles.
    expect(large.statements).toBeLessThanOrEqual(3);
  });
});
