import type { Claim, NewsArticle, Prisma } from "../../generated/prisma/client.ts";
import { inOrderOf, isUuid } from "../../platform/database/ids.ts";
import { readRows, type PrismaClient } from "../../platform/database/prisma.ts";
import { instantIdKey, isInstantIdKey, type PageRequest } from "../../platform/graphql/pagination.ts";
import type { ArticleSnapshot } from "./mappers.ts";

/**
 * Where an article sits in the feed: its publication instant (null for an
 * article without a date, which the feed lists after every dated one), then
 * its id.
 */
export type FeedKey = [publishedAt: string | null, id: string];

export function feedKey(article: NewsArticle): FeedKey {
  return article.publishedAt ? instantIdKey(article.publishedAt, article.id) : [null, article.id];
}

export function isFeedKey(value: unknown): value is FeedKey {
  if (!Array.isArray(value) || value.length !== 2) return false;
  const [publishedAt, id] = value;
  return publishedAt === null ? typeof id === "string" && isUuid(id) : isInstantIdKey(value);
}

/** Newest first; articles without a date after every dated one. Read backwards, the other way round. */
function feedOrder(backward: boolean): Prisma.NewsArticleOrderByWithRelationInput[] {
  return backward
    ? [{ publishedAt: { sort: "asc", nulls: "first" } }, { id: "asc" }]
    : [{ publishedAt: { sort: "desc", nulls: "last" } }, { id: "desc" }];
}

/** Every column of news.article, named as the NewsArticle model's fields. */
const ARTICLE_COLUMNS = `id, slug, title, summary, published_at AS "publishedAt", published_at_precision AS "publishedAtPrecision",
  tags, version, withdrawn_at AS "withdrawnAt", withdrawal_reason AS "withdrawalReason",
  created_at AS "createdAt", updated_at AS "updatedAt",
  source_document AS "sourceDocument", source_section AS "sourceSection", source_quote AS "sourceQuote", sourced`;

/** Articles in the order of `ids` (taken with `entityId`), null where none has that id; one statement. */
export async function findArticlesByIds(
  prisma: PrismaClient,
  ids: readonly string[],
): Promise<(NewsArticle | null)[]> {
  const rows = await readRows<NewsArticle>(prisma, `SELECT ${ARTICLE_COLUMNS} FROM news.article WHERE id = ANY ($1::uuid[])`, [ids]);
  return inOrderOf(ids, rows);
}

export function findArticleBySlug(prisma: PrismaClient, slug: string): Promise<NewsArticle | null> {
  return prisma.newsArticle.findUnique({ where: { slug } });
}

// An article's row with the ids of the agencies it mentions, sorted, as a write answers it.
const ARTICLE_WITH_MENTIONS = `SELECT ${ARTICLE_COLUMNS},
    ARRAY(SELECT agency_id::text FROM news.article_mention WHERE article_id = article.id ORDER BY agency_id) AS mentions
  FROM news.article`;

/** Up to `limit` articles with their mentions, by id after `after` (from the first without it); one statement. */
export function findArticlePage(prisma: PrismaClient, after: string | undefined, limit: number): Promise<ArticleSnapshot[]> {
  return readRows<ArticleSnapshot>(
    prisma,
    `${ARTICLE_WITH_MENTIONS} WHERE $1::uuid IS NULL OR id > $1::uuid ORDER BY id LIMIT $2`,
    [after ?? null, limit],
  );
}

/** Articles with their mentions in the order of `ids`, null where none has that id; one statement. */
export async function findArticlesWithMentions(prisma: PrismaClient, ids: readonly string[]): Promise<(ArticleSnapshot | null)[]> {
  const rows = await readRows<ArticleSnapshot>(prisma, `${ARTICLE_WITH_MENTIONS} WHERE id = ANY ($1::uuid[])`, [ids]);
  return inOrderOf(ids, rows);
}

/** The ids of the agencies each article mentions, in the order of `articleIds`; one statement. */
export async function findMentionedAgencyIds(
  prisma: PrismaClient,
  articleIds: readonly string[],
): Promise<string[][]> {
  const rows = await prisma.articleMention.findMany({
    where: { articleId: { in: [...articleIds] } },
    orderBy: [{ articleId: "asc" }, { agencyId: "asc" }],
  });
  const byArticle = Map.groupBy(rows, (row) => row.articleId);
  return articleIds.map((id) => (byArticle.get(id) ?? []).map((row) => row.agencyId));
}

/**
 * The latest `limit` articles mentioning each agency, newest first and
 * withdrawn ones left out, in the order of `agencyIds`: one statement for
 * any number of agencies, ranking each agency's articles with a window
 * function and answering the articles themselves.
 */
export async function findLatestArticlesByAgency(
  prisma: PrismaClient,
  agencyIds: readonly string[],
  limit: number,
): Promise<NewsArticle[][]> {
  const rows =
    agencyIds.length && limit > 0
      ? await readRows<NewsArticle & { mentionedAgencyId: string }>(
          prisma,
          `SELECT agency_id::text AS "mentionedAgencyId", ${ARTICLE_COLUMNS}
             FROM (SELECT mention.agency_id, article.*,
                          row_number() OVER (PARTITION BY mention.agency_id
                                             ORDER BY article.published_at DESC NULLS LAST, article.id DESC) AS position
                     FROM news.article_mention AS mention
                     JOIN news.article AS article ON article.id = mention.article_id
                    WHERE mention.agency_id = ANY ($1::uuid[])
                      AND article.withdrawn_at IS NULL) AS ranked
            WHERE position <= $2
            ORDER BY agency_id, position`,
          [agencyIds, limit],
        )
      : [];
  const byAgency = Map.groupBy(rows, (row) => row.mentionedAgencyId);
  return agencyIds.map((id) => (byAgency.get(id) ?? []).map(({ mentionedAgencyId: _, ...article }) => article));
}

export interface NewsFilter {
  /** Only articles mentioning this agency. */
  agencyId?: string | null;
  tag?: string | null;
}

/** A page of the articles in the feed matching `filter`, newest first. */
export function listArticles(
  prisma: PrismaClient,
  filter: NewsFilter,
  page: PageRequest<FeedKey>,
): Promise<NewsArticle[]> {
  const { key } = page;
  const where: Prisma.NewsArticleWhereInput = key
    ? { AND: [whereMatching(filter), page.backward ? beforeInFeed(key) : afterInFeed(key)] }
    : whereMatching(filter);
  return prisma.newsArticle.findMany({ where, orderBy: feedOrder(page.backward), take: page.take });
}

/** The articles the feed lists after the one at `key`. */
function afterInFeed([publishedAt, id]: FeedKey): Prisma.NewsArticleWhereInput {
  if (publishedAt === null) return { publishedAt: null, id: { lt: id } };
  return {
    OR: [
      { publishedAt: { lt: publishedAt } },
      { publishedAt, id: { lt: id } },
      { publishedAt: null },
    ],
  };
}

/** The articles the feed lists before the one at `key`. */
function beforeInFeed([publishedAt, id]: FeedKey): Prisma.NewsArticleWhereInput {
  if (publishedAt === null) return { OR: [{ publishedAt: null, id: { gt: id } }, { publishedAt: { not: null } }] };
  return {
    OR: [
      { publishedAt: { gt: publishedAt } },
      { publishedAt, id: { gt: id } },
    ],
  };
}

export function countArticles(prisma: PrismaClient, filter: NewsFilter): Promise<number> {
  return prisma.newsArticle.count({ where: whereMatching(filter) });
}

/** The feed's articles matching `filter`: withdrawn articles are not in the feed. */
function whereMatching({ agencyId, tag }: NewsFilter): Prisma.NewsArticleWhereInput {
  return {
    withdrawnAt: null,
    ...(agencyId && { mentions: { some: { agencyId } } }),
    ...(tag != null && { tags: { has: tag } }),
  };
}

/** The "Fact or Fiction?" statements, in the order they were added. */
export function listClaims(prisma: PrismaClient): Promise<Claim[]> {
  return prisma.claim.findMany({ orderBy: { id: "asc" } });
}
