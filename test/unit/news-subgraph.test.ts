import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeCursor } from "../../platform/graphql/pagination.ts";
import { callers, inProcessSubgraph, type InProcessSubgraph } from "../support/in-process-subgraph.ts";
import { errorCode, errorOf } from "../support/responses.ts";

// What the news subgraph answers before it reads or writes anything: bad
// arguments and callers without the role. Its server runs with no
// database, so an answer here also proves nothing was stored.

let news: InProcessSubgraph;
beforeAll(async () => {
  news = await inProcessSubgraph("news");
});
afterAll(() => news?.stop());

const UNKNOWN_ID = "00000000-0000-7000-8000-000000000000";
const ARTICLE_ID = "0190a000-0000-7000-8000-000000000001";

const FEED = /* GraphQL */ `
  query Feed($first: Int, $after: String, $agency: ID, $tag: String) {
    news(first: $first, after: $after, agency: $agency, tag: $tag) { totalCount edges { node { slug } } }
  }
`;
const PUBLISH = /* GraphQL */ `
  mutation Publish($input: PublishArticleInput!) { publishArticle(input: $input) { id } }
`;
const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdateArticleInput!) { updateArticle(input: $input) { id } }
`;
const WITHDRAW = /* GraphQL */ `
  mutation Withdraw($input: WithdrawArticleInput!) { withdrawArticle(input: $input) { id } }
`;

function newArticle(overrides: Record<string, unknown> = {}) {
  return {
    slug: "test-article",
    title: "Test article",
    summary: "An article written by a test.",
    tags: ["testing"],
    mentions: [UNKNOWN_ID],
    idempotencyKey: "publish-test-article",
    ...overrides,
  };
}

describe("the feed's arguments", () => {
  it("are refused when bad, naming the argument", async () => {
    // A cursor from another list: the agencies', sorted by name and id.
    const agenciesCursor = encodeCursor(["Security Service", UNKNOWN_ID]);
    const cases = [
      [{ first: -1 }, "first"],
      [{ first: 101 }, "first"],
      [{ after: "not-a-cursor" }, "after"],
      [{ after: agenciesCursor }, "after"],
      [{ after: Buffer.from(`["2019-09-30","${UNKNOWN_ID}"]`).toString("base64url") }, "after"],
      [{ after: Buffer.from(`["2019-09-30T00:00:00.000Z","x"]`).toString("base64url") }, "after"],
      [{ agency: "mi5" }, "agency"],
      [{ tag: "x".repeat(101) }, "tag"],
    ] as const;
    for (const [variables, argument] of cases) {
      const response = await news.execute(FEED, variables);
      expect(errorOf(response), JSON.stringify(variables)).toMatchObject({ code: "BAD_USER_INPUT", argument });
      expect(response.body.data).toBeNull();
    }
  });

  it("include exactly one of an id and a slug for an article", async () => {
    for (const query of [`{ article { title } }`, `{ article(id: "${ARTICLE_ID}", slug: "x") { title } }`]) {
      const response = await news.execute(query);
      expect(errorCode(response), query).toBe("BAD_USER_INPUT");
      expect(response.body.data).toEqual({ article: null });
    }
  });
});

describe("who may change the news", () => {
  it("refuses readers and anonymous callers every mutation with FORBIDDEN", async () => {
    const attempts = [
      [PUBLISH, { input: newArticle() }],
      [UPDATE, { input: { id: ARTICLE_ID, version: 1, title: "Changed" } }],
      [WITHDRAW, { input: { id: ARTICLE_ID, version: 1, reason: "Not allowed." } }],
    ] as const;
    for (const caller of [callers.reader, callers.anonymous]) {
      for (const [mutation, variables] of attempts) {
        const response = await news.execute(mutation, variables, caller);
        expect(errorCode(response), JSON.stringify(response.body)).toBe("FORBIDDEN");
        expect(response.body.data).toBeNull();
      }
    }
  });
});

describe("publishArticle input", () => {
  it("names the field at fault", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ slug: "Not A Slug" }, "input.slug"],
      [{ slug: "" }, "input.slug"],
      [{ title: "   " }, "input.title"],
      [{ title: "x".repeat(301) }, "input.title"],
      [{ summary: "" }, "input.summary"],
      [{ publishedAt: new Date(Date.now() + 3_600_000).toISOString() }, "input.publishedAt"],
      [{ tags: ["ok", "  "] }, "input.tags"],
      [{ tags: ["x".repeat(101)] }, "input.tags"],
      [{ tags: Array.from({ length: 21 }, (_, i) => `tag-${i}`) }, "input.tags"],
      [{ mentions: ["mi5"] }, "input.mentions"],
      [{ mentions: Array.from({ length: 51 }, (_, i) => `00000000-0000-7000-8000-${String(i).padStart(12, "0")}`) }, "input.mentions"],
      [{ idempotencyKey: " " }, "input.idempotencyKey"],
    ];
    for (const [overrides, argument] of cases) {
      const response = await news.execute(PUBLISH, { input: newArticle(overrides) }, callers.editor);
      expect(errorOf(response), JSON.stringify(overrides)).toMatchObject({ code: "BAD_USER_INPUT", argument });
      expect(response.body.data).toBeNull();
    }
  });

  it("refuses an unknown precision, or a missing field, before anything runs", async () => {
    for (const input of [newArticle({ publishedAtPrecision: "YEAR" }), { ...newArticle(), title: undefined }]) {
      const response = await news.execute(PUBLISH, { input }, callers.editor);
      expect(response.status).toBe(400);
      expect(errorCode(response)).toBe("BAD_USER_INPUT");
    }
    const literal = await news.execute(
      `mutation { publishArticle(input: { slug: "x", title: "x", summary: "x", tags: [], mentions: [], idempotencyKey: "x", publishedAtPrecision: YEAR }) { id } }`,
      undefined,
      callers.editor,
    );
    expect(literal.status).toBe(400);
    expect(errorCode(literal)).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});

describe("updateArticle and withdrawArticle input", () => {
  it("names the field at fault", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ id: "nope" }, "input.id"],
      [{ slug: "Bad Slug" }, "input.slug"],
      [{ title: "" }, "input.title"],
      [{ summary: " " }, "input.summary"],
      [{ publishedAt: new Date(Date.now() + 86_400_000).toISOString() }, "input.publishedAt"],
      [{ tags: [""] }, "input.tags"],
      [{ mentions: ["not-an-id"] }, "input.mentions"],
      [{ idempotencyKey: "" }, "input.idempotencyKey"],
    ];
    for (const [overrides, argument] of cases) {
      const response = await news.execute(UPDATE, { input: { id: ARTICLE_ID, version: 1, ...overrides } }, callers.editor);
      expect(errorOf(response), JSON.stringify(overrides)).toMatchObject({ code: "BAD_USER_INPUT", argument });
    }
    const noReason = await news.execute(WITHDRAW, { input: { id: ARTICLE_ID, version: 1, reason: " " } }, callers.editor);
    expect(errorOf(noReason)).toMatchObject({ code: "BAD_USER_INPUT", argument: "input.reason" });
  });
});
