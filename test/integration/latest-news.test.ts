import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext } from "../../subgraphs/news/context.ts";
import { writeFromAnotherProcess } from "../support/another-process.ts";
import { startTestSupergraph, type TestSupergraph } from "../support/test-supergraph.ts";

// The news subgraph answers an agency's latest news, and articles by id,
// from every article held in memory (subgraphs/news/latest-news.ts), kept
// fresh from the change feed; SQL is its fallback and the feed's source.

let liaison: TestSupergraph;
let editor: string;
let mi5Id: string;

beforeAll(async () => {
  liaison = await startTestSupergraph();
  editor = await liaison.tokenFor("editor");
  mi5Id = (await liaison.query(`{ agency(slug: "mi5") { id } }`)).body.data.agency.id;
});
afterAll(() => liaison?.stop());

const LATEST = /* GraphQL */ `{
  agency(slug: "mi5") { news(first: 3) { slug title publishedAt mentions { slug } } }
}`;

async function latestSlugs(): Promise<string[]> {
  const response = await liaison.query(LATEST);
  expect(response.body.errors).toBeUndefined();
  return response.body.data.agency.news.map((article: { slug: string }) => article.slug);
}

function newsStatements(): string[] {
  return liaison.statements.filter((sql) => sql.includes("news."));
}

const article = (slug: string, publishedAt: string) => ({
  slug,
  title: `About ${slug}`,
  summary: "A summary.",
  publishedAt,
  tags: ["memory"],
  mentions: [mi5Id],
  idempotencyKey: `latest-news-${slug}`,
});

describe("an agency's latest news in memory", () => {
  it("is answered with no SQL, with the articles' mentions", async () => {
    liaison.statements.length = 0;
    const response = await liaison.query(LATEST);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.agency.news.length).toBeGreaterThan(0);
    for (const each of response.body.data.agency.news) expect(each.mentions).toContainEqual({ slug: "mi5" });
    expect(newsStatements()).toEqual([]);
  });

  it("is what SQL answers when no memory runs", async () => {
    const { agencyNews } = createContext(liaison.prisma, undefined, undefined);
    const fromSql = await agencyNews.load({ agencyId: mi5Id, first: 3 });
    expect(await latestSlugs()).toEqual(fromSql.map((each) => each.slug));
  });

  it("shows an article this process published at once, in its place in the feed's order", async () => {
    const published = await liaison.query(
      `mutation($input: PublishArticleInput!) { publishArticle(input: $input) { id } }`,
      { input: article("mi5-memory-here", new Date(Date.now() - 60_000).toISOString()) },
      { token: editor },
    );
    expect(published.body.errors).toBeUndefined();
    liaison.statements.length = 0;
    expect((await latestSlugs())[0]).toBe("mi5-memory-here");
    expect(newsStatements()).toEqual([]);
  });

  it("follows articles published and withdrawn by another process", async () => {
    const written = await writeFromAnotherProcess<{ id: string; version: number }>(
      liaison.database.url,
      "publish-article",
      article("mi5-memory-elsewhere", new Date(Date.now() - 30_000).toISOString()),
    );
    await expect.poll(latestSlugs, { timeout: 15_000, interval: 100 }).toEqual(["mi5-memory-elsewhere", "mi5-memory-here", expect.any(String)]);
    await writeFromAnotherProcess(liaison.database.url, "withdraw-article", {
      id: written.id,
      version: written.version,
      reason: "Withdrawn elsewhere.",
      idempotencyKey: "latest-news-withdrawn-elsewhere",
    });
    await expect.poll(async () => (await latestSlugs())[0], { timeout: 15_000, interval: 100 }).toBe("mi5-memory-here");
    const byId = await liaison.query(`query($id: ID!) { article(id: $id) { slug withdrawnAt } }`, { id: written.id });
    expect(byId.body.data.article).toMatchObject({ slug: "mi5-memory-elsewhere", withdrawnAt: expect.any(String) });
  });
});
