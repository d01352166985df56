import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import { auditOf } from "../support/audit-trail.ts";
import { errorCode, errorOf } from "../support/responses.ts";
import { startTestSupergraph, type TestSupergraph } from "../support/test-supergraph.ts";

const UNKNOWN_ID = "00000000-0000-7000-8000-000000000000";
const SEEDED_SLUG = "mi5-supports-national-inclusion-week";

let liaison: TestSupergraph;
/** Straight to the database, to see what the API cannot: rows a failed write might leave. */
let prisma: PrismaClient;
let editor: string;
let admin: string;
let agencyIds: Record<string, string>;

beforeAll(async () => {
  liaison = await startTestSupergraph();
  prisma = liaison.prisma;
  [editor, admin] = await Promise.all([liaison.tokenFor("editor", "eve-editor"), liaison.tokenFor("admin", "ada-admin")]);
  const response = await liaison.query(`{ agencies(first: 100) { edges { node { id slug } } } }`);
  agencyIds = Object.fromEntries(response.body.data.agencies.edges.map(({ node }: any) => [node.slug, node.id]));
});
afterAll(() => liaison?.stop());

const ARTICLE_FIELDS = `id slug title summary publishedAt publishedAtPrecision tags mentions { id } version withdrawnAt withdrawalReason`;
const PUBLISH = /* GraphQL */ `
  mutation Publish($input: PublishArticleInput!) { publishArticle(input: $input) { ${ARTICLE_FIELDS} } }
`;
const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdateArticleInput!) { updateArticle(input: $input) { ${ARTICLE_FIELDS} } }
`;
const WITHDRAW = /* GraphQL */ `
  mutation Withdraw($input: WithdrawArticleInput!) { withdrawArticle(input: $input) { ${ARTICLE_FIELDS} } }
`;
const ARTICLE = /* GraphQL */ `
  query Article($slug: String!) { article(slug: $slug) { ${ARTICLE_FIELDS} } }
`;
const AUDIT = /* GraphQL */ `
  query Audit($entityId: ID, $actor: String) {
    auditTrail(entityId: $entityId, actor: $actor, first: 100) {
      totalCount
      edges { node { actor actorRoles action entityType entityId before after at } }
    }
  }
`;

let sequence = 0;
function newArticle(overrides: Record<string, unknown> = {}) {
  sequence += 1;
  return {
    slug: `test-article-${sequence}`,
    title: `Test article ${sequence}`,
    summary: "An article written by a test.",
    tags: ["testing"],
    mentions: [agencyIds.mi5],
    idempotencyKey: `publish-${sequence}`,
    ...overrides,
  };
}

/** Publishes as an editor, as `token`'s holder, or anonymously given null. */
function publish(input: Record<string, unknown>, token: string | null = editor) {
  return liaison.query(PUBLISH, { input }, { token: token ?? undefined });
}

async function published(overrides: Record<string, unknown> = {}) {
  const response = await publish(newArticle(overrides));
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data.publishArticle;
}

function update(input: Record<string, unknown>, token: string | null = editor) {
  return liaison.query(UPDATE, { input }, { token: token ?? undefined });
}

function withdraw(input: Record<string, unknown>, token: string | null = editor) {
  return liaison.query(WITHDRAW, { input }, { token: token ?? undefined });
}

async function read(slug: string) {
  const response = await liaison.query(ARTICLE, { slug });
  expect(response.body.errors).toBeUndefined();
  return response.body.data.article;
}

async function feedSlugs(variables: Record<string, unknown> = {}) {
  const response = await liaison.query(
    `query($agency: ID, $tag: String) { news(first: 100, agency: $agency, tag: $tag) { totalCount edges { node { slug } } } }`,
    variables,
  );
  expect(response.body.errors).toBeUndefined();
  return response.body.data.news.edges.map((edge: any) => edge.node.slug) as string[];
}

describe("who may change the news", () => {
  it("lets editors and admins publish, update and withdraw", async () => {
    for (const token of [editor, admin]) {
      const response = await publish(newArticle(), token);
      expect(response.body.errors).toBeUndefined();
      const { id } = response.body.data.publishArticle;
      const updated = await update({ id, version: 1, title: "Changed" }, token);
      expect(updated.body.data.updateArticle).toMatchObject({ title: "Changed", version: 2 });
      const withdrawn = await withdraw({ id, version: 2, reason: "Published by mistake." }, token);
      expect(withdrawn.body.data.withdrawArticle).toMatchObject({ version: 3, withdrawalReason: "Published by mistake." });
    }
  });
});

describe("publishArticle", () => {
  it("returns the article, readable at once in the feed and Agency.news, and audits who published it", async () => {
    const before = Date.now();
    const input = newArticle({
      title: "  Padded title  ",
      tags: ["Testing", " history ", "testing"],
      mentions: [agencyIds.gchq, agencyIds.mi5, agencyIds.gchq],
    });
    const response = await publish(input);
    expect(response.body.errors).toBeUndefined();
    const article = response.body.data.publishArticle;
    const mentions = [agencyIds.gchq, agencyIds.mi5].sort();
    expect(article).toMatchObject({
      slug: input.slug,
      title: "Padded title",
      publishedAtPrecision: "DAY",
      tags: ["testing", "history"],
      mentions: mentions.map((id) => ({ id })),
      version: 1,
      withdrawnAt: null,
      withdrawalReason: null,
    });
    expect(Date.parse(article.publishedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(article.publishedAt)).toBeLessThanOrEqual(Date.now());

    expect(await read(input.slug)).toEqual(article);
    expect((await feedSlugs())[0]).toBe(input.slug);
    expect(await feedSlugs({ agency: agencyIds.gchq })).toContain(input.slug);
    const gchq = await liaison.query(`{ agency(slug: "gchq") { news(first: 1) { slug } } }`);
    expect(gchq.body.data.agency.news).toEqual([{ slug: input.slug }]);

    const trail = await auditOf(liaison, { entityId: article.id });
    expect(trail.totalCount).toBe(1);
    expect(trail.entries[0]).toMatchObject({
      actor: "eve-editor",
      actorRoles: ["editor"],
      action: "article.publish",
      entityType: "NewsArticle",
      entityId: article.id,
      before: null,
      after: { id: article.id, slug: input.slug, title: "Padded title", tags: ["testing", "history"], mentions, version: 1 },
    });
  });

  it("keeps a publication date given in the past, with its precision, and answers no day it was not given", async () => {
    const article = await published({ publishedAt: "2019-06-01T00:00:00.000Z", publishedAtPrecision: "MONTH" });
    expect(article).toMatchObject({ publishedAt: null, publishedAtPrecision: "MONTH" });
    const read = await liaison.query(`query($slug: String!) { article(slug: $slug) { publicationDate } }`, { slug: article.slug });
    expect(read.body.data.article).toEqual({ publicationDate: "2019-06" });
  });

  it("refuses a slug another article has, or a mention of an agency not in the directory, naming the field", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ slug: SEEDED_SLUG }, "input.slug"],
      [{ mentions: [UNKNOWN_ID] }, "input.mentions"],
    ];
    for (const [overrides, argument] of cases) {
      const response = await publish(newArticle(overrides));
      expect(errorOf(response), JSON.stringify(overrides)).toMatchObject({ code: "BAD_USER_INPUT", argument });
      expect(response.body.data).toBeNull();
    }
  });

  it("leaves nothing behind when one of the agencies it mentions is missing: no article, no mentions, no audit entry", async () => {
    const counts = async () => ({
      articles: await prisma.newsArticle.count(),
      mentions: await prisma.articleMention.count(),
      audit: (await auditOf(liaison, { actor: "eve-editor" })).totalCount,
    });
    const before = await counts();
    const input = newArticle({ mentions: [agencyIds.mi5, agencyIds.gchq, UNKNOWN_ID] });
    const response = await publish(input);
    expect(errorOf(response)).toMatchObject({ code: "BAD_USER_INPUT", argument: "input.mentions" });
    expect(await read(input.slug)).toBeNull();
    expect(await counts()).toEqual(before);
    // Nor does it spend the idempotency key: fixed, the same call goes through.
    const fixed = await publish({ ...input, mentions: [agencyIds.mi5] });
    expect(fixed.body.errors).toBeUndefined();
  });

  it("makes one article however often a keyed publication is retried, one after another or at once", async () => {
    const input = newArticle();
    const first = (await publish(input)).body.data.publishArticle;
    const again = await publish(input);
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data.publishArticle.id).toBe(first.id);

    const racing = newArticle();
    const responses = await Promise.all(Array.from({ length: 6 }, () => publish(racing)));
    expect(responses.map((response) => response.body.errors)).toEqual(responses.map(() => undefined));
    const ids = new Set(responses.map((response) => response.body.data.publishArticle.id));
    expect(ids.size).toBe(1);
    expect(await prisma.newsArticle.count({ where: { slug: racing.slug } })).toBe(1);
    expect(await prisma.articleMention.count({ where: { articleId: [...ids][0] } })).toBe(1);
    expect((await auditOf(liaison, { entityId: [...ids][0] })).totalCount).toBe(1);
  });

  it("publishes only the first of racing requests that differ under one key, whole; the other is refused", async () => {
    const idempotencyKey = `race-${sequence}`;
    const a = newArticle({ idempotencyKey, mentions: [agencyIds.mi5] });
    const b = newArticle({ idempotencyKey, mentions: [agencyIds.gchq, agencyIds.sis] });
    const responses = await Promise.all([publish(a), publish(b)]);
    const answered = responses.filter((response) => response.body.data?.publishArticle);
    expect(answered).toHaveLength(1);
    expect(responses.map(errorCode).filter((code) => code === "IDEMPOTENCY_KEY_REUSED")).toHaveLength(1);
    const id = answered[0]!.body.data.publishArticle.id;
    const winner = answered[0]!.body.data.publishArticle.slug === a.slug ? a : b;
    const loser = winner === a ? b : a;
    expect(await read(loser.slug)).toBeNull();
    expect(await prisma.articleMention.count({ where: { articleId: id } })).toBe(winner.mentions.length);
  });

  it("refuses a key already used for a different change with IDEMPOTENCY_KEY_REUSED", async () => {
    const article = await published();
    const response = await withdraw({ id: article.id, version: 1, reason: "Reusing a key.", idempotencyKey: `publish-${sequence}` });
    expect(errorOf(response)).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED", argument: "input.idempotencyKey" });
  });
});

describe("updateArticle", () => {
  it("changes only the fields given, replaces mentions and tags, raises the version, and audits before and after", async () => {
    const article = await published({ tags: ["one", "two"] });
    const response = await update({
      id: article.id,
      version: 1,
      title: "Retitled",
      tags: ["Three"],
      mentions: [agencyIds.gchq, agencyIds.sis],
    });
    expect(response.body.errors).toBeUndefined();
    const mentions = [agencyIds.gchq, agencyIds.sis].sort();
    expect(response.body.data.updateArticle).toEqual({
      ...article,
      title: "Retitled",
      tags: ["three"],
      mentions: mentions.map((id) => ({ id })),
      version: 2,
    });
    expect(await read(article.slug)).toEqual(response.body.data.updateArticle);
    expect(await feedSlugs({ agency: agencyIds.gchq })).toContain(article.slug);

    const trail = await auditOf(liaison, { entityId: article.id });
    const entry = trail.entries.find((entry) => entry.action === "article.update")!;
    expect(entry).toMatchObject({ actor: "eve-editor", entityType: "NewsArticle" });
    expect(entry.before).toMatchObject({ title: article.title, tags: ["one", "two"], mentions: [agencyIds.mi5], version: 1 });
    expect(entry.after).toMatchObject({ title: "Retitled", tags: ["three"], mentions, version: 2 });
  });

  it("leaves the article as it was when a mention is missing, mentions included", async () => {
    const article = await published({ mentions: [agencyIds.mi5, agencyIds.gchq] });
    const response = await update({ id: article.id, version: 1, title: "Never", mentions: [agencyIds.sis, UNKNOWN_ID] });
    expect(errorOf(response)).toMatchObject({ code: "BAD_USER_INPUT", argument: "input.mentions" });
    expect(await read(article.slug)).toEqual(article);
    expect((await auditOf(liaison, { entityId: article.id })).totalCount).toBe(1);
  });

  it("refuses a slug another article has, naming the field, and changes nothing", async () => {
    const article = await published();
    const response = await update({ id: article.id, version: 1, slug: SEEDED_SLUG });
    expect(errorOf(response)).toMatchObject({ code: "BAD_USER_INPUT", argument: "input.slug" });
    expect(await read(article.slug)).toEqual(article);
  });

  it("answers NOT_FOUND for an unknown id", async () => {
    const unknown = await update({ id: UNKNOWN_ID, version: 1, title: "x" });
    expect(errorOf(unknown)).toMatchObject({ code: "NOT_FOUND", argument: "input.id" });
  });

  it("refuses a stale version with CONFLICT and changes nothing", async () => {
    const article = await published();
    await update({ id: article.id, version: 1, title: "First" });
    const stale = await update({ id: article.id, version: 1, title: "Second", mentions: [agencyIds.gchq] });
    expect(errorOf(stale)).toMatchObject({ code: "CONFLICT", argument: "input.version", currentVersion: 2 });
    expect(await read(article.slug)).toMatchObject({ title: "First", version: 2, mentions: [{ id: agencyIds.mi5 }] });
  });

  it("lets exactly one of eight racing writers win, mentions and all; the rest get CONFLICT", async () => {
    const article = await published();
    const writers = ["gchq", "sis", "home-office", "psni", "mod", "fco", "cabinet-office", "nio"];
    const responses = await Promise.all(
      writers.map((slug) =>
        update({ id: article.id, version: 1, title: `Writer ${slug}`, mentions: [agencyIds[slug]] }),
      ),
    );
    const winners = responses.filter((response) => response.body.data?.updateArticle);
    const losers = responses.filter((response) => errorCode(response) === "CONFLICT");
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(7);
    const won = winners[0]!.body.data.updateArticle;
    expect(await read(article.slug)).toEqual(won);
    expect(won.version).toBe(2);
    expect(await prisma.articleMention.count({ where: { articleId: article.id } })).toBe(1);
    expect((await auditOf(liaison, { entityId: article.id })).totalCount).toBe(2);
  });

  it("applies a keyed change once, and answers retries with its result rather than CONFLICT", async () => {
    const article = await published();
    const input = { id: article.id, version: 1, title: "Once", idempotencyKey: `update-${sequence}` };
    const responses = await Promise.all(Array.from({ length: 4 }, () => update(input)));
    const retried = await update(input);
    for (const response of [...responses, retried]) {
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data.updateArticle).toMatchObject({ title: "Once", version: 2 });
    }
    expect((await auditOf(liaison, { entityId: article.id })).totalCount).toBe(2);
  });
});

describe("withdrawArticle", () => {
  it("takes the article out of the feed and Agency.news; article(slug) still finds it, saying why", async () => {
    const article = await published({ tags: ["to-withdraw"], mentions: [agencyIds["national-archives"]] });
    expect(await feedSlugs({ tag: "to-withdraw" })).toEqual([article.slug]);
    const response = await withdraw({ id: article.id, version: 1, reason: "  Published in error.  " });
    expect(response.body.errors).toBeUndefined();
    const withdrawn = response.body.data.withdrawArticle;
    expect(withdrawn).toMatchObject({ version: 2, withdrawalReason: "Published in error." });
    expect(Date.parse(withdrawn.withdrawnAt)).toBeLessThanOrEqual(Date.now());

    expect(await feedSlugs({ tag: "to-withdraw" })).toEqual([]);
    expect(await feedSlugs()).not.toContain(article.slug);
    const archives = await liaison.query(`{ agency(slug: "national-archives") { news { slug } } }`);
    expect(archives.body.data.agency.news.map((item: any) => item.slug)).not.toContain(article.slug);
    expect(await read(article.slug)).toEqual(withdrawn);

    const trail = await auditOf(liaison, { entityId: article.id });
    const entry = trail.entries.find((entry) => entry.action === "article.withdraw")!;
    expect(entry.before).toMatchObject({ withdrawnAt: null, version: 1 });
    expect(entry.after).toMatchObject({ withdrawalReason: "Published in error.", version: 2 });
  });

  it("needs a current version", async () => {
    const article = await published();
    await update({ id: article.id, version: 1, title: "Moved on" });
    const stale = await withdraw({ id: article.id, version: 1, reason: "Too late." });
    expect(errorOf(stale)).toMatchObject({ code: "CONFLICT", currentVersion: 2 });
    expect((await read(article.slug)).withdrawnAt).toBeNull();
  });

  it("is final: a withdrawn article is neither withdrawn again nor changed", async () => {
    const article = await published();
    await withdraw({ id: article.id, version: 1, reason: "Gone." });
    const again = await withdraw({ id: article.id, version: 2, reason: "Gone again." });
    expect(errorOf(again)).toMatchObject({ code: "BAD_USER_INPUT", argument: "input.id" });
    const changed = await update({ id: article.id, version: 2, title: "Back" });
    expect(errorOf(changed)).toMatchObject({ code: "BAD_USER_INPUT", argument: "input.id" });
    expect(await read(article.slug)).toMatchObject({ title: article.title, version: 2, withdrawalReason: "Gone." });
  });

  it("keeps the slug taken", async () => {
    const article = await published();
    await withdraw({ id: article.id, version: 1, reason: "Gone." });
    const reused = await publish(newArticle({ slug: article.slug }));
    expect(errorOf(reused)).toMatchObject({ code: "BAD_USER_INPUT", argument: "input.slug" });
  });
});

describe("caching", () => {
  it("never lets a mutation's response be cached, and a read right after a write sees it", async () => {
    const feed = `{ news(first: 1) { edges { node { slug title } } } }`;
    const beforeWrite = await liaison.query(feed);
    expect(beforeWrite.headers.get("cache-control")).toBe("max-age=30, public");

    const response = await publish(newArticle());
    expect(response.body.errors).toBeUndefined();
    expect(response.headers.get("cache-control")).toBe("no-store");
    const article = response.body.data.publishArticle;
    expect((await liaison.query(feed)).body.data.news.edges[0].node).toEqual({ slug: article.slug, title: article.title });

    const updated = await update({ id: article.id, version: 1, title: "Seen at once" });
    expect(updated.headers.get("cache-control")).toBe("no-store");
    expect((await liaison.query(feed)).body.data.news.edges[0].node.title).toBe("Seen at once");

    const withdrawn = await withdraw({ id: article.id, version: 2, reason: "Gone." });
    expect(withdrawn.headers.get("cache-control")).toBe("no-store");
    expect((await liaison.query(feed)).body.data.news.edges[0].node.slug).not.toBe(article.slug);
  });

  it("has the news subgraph itself answer mutations with no-store, for any gateway", async () => {
    const response = await liaison.querySubgraph("news", PUBLISH, { input: newArticle() }, {
      token: await liaison.gatewayTokenFor("news", "editor"),
    });
    expect(response.body.errors).toBeUndefined();
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});
