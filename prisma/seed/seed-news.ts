import type { PrismaClient } from "../../generated/prisma/client.ts";
import { articles, claims, type ArticleSeed, type ClaimSeed } from "./news.ts";

type Transaction = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * Makes the news tables hold every seed article (with its mentions) and
 * claim, matched by slug, in one transaction. Rows already equal to their
 * seed are not written. Mentions name agencies by slug, so the agencies must
 * be seeded first. Returns how many seed articles and claims there are.
 */
export async function seedNews(prisma: PrismaClient): Promise<number> {
  await prisma.$transaction(async (transaction) => {
    const agencyIds = await agencyIdsBySlug(transaction, articles.flatMap((article) => article.mentions));
    await seedArticles(transaction, agencyIds);
    await seedClaims(transaction);
  });
  return articles.length + claims.length;
}

async function agencyIdsBySlug(transaction: Transaction, slugs: readonly string[]) {
  const rows = await transaction.agency.findMany({
    where: { slug: { in: [...slugs] } },
    select: { slug: true, id: true },
  });
  const ids = new Map(rows.map((row) => [row.slug, row.id]));
  const missing = [...new Set(slugs)].filter((slug) => !ids.has(slug));
  if (missing.length) throw new Error(`News mentions agencies that are not seeded: ${missing.join(", ")}`);
  return ids;
}

async function seedArticles(transaction: Transaction, agencyIds: Map<string, string>) {
  const existing = await transaction.newsArticle.findMany({
    where: { slug: { in: articles.map((article) => article.slug) } },
    include: { mentions: { select: { agencyId: true } } },
  });
  const existingBySlug = new Map(existing.map((row) => [row.slug, row]));
  for (const article of articles) {
    const mentionedIds = article.mentions.map((slug) => agencyIds.get(slug)!);
    const row = existingBySlug.get(article.slug);
    if (!row) {
      await transaction.newsArticle.create({
        data: { ...articleFields(article), mentions: { create: mentionedIds.map((agencyId) => ({ agencyId })) } },
      });
    } else if (!articleMatchesSeed(row, article, mentionedIds)) {
      await transaction.newsArticle.update({
        where: { id: row.id },
        data: {
          ...articleFields(article),
          mentions: { deleteMany: {}, create: mentionedIds.map((agencyId) => ({ agencyId })) },
        },
      });
    }
  }
}

async function seedClaims(transaction: Transaction) {
  const existing = await transaction.claim.findMany({
    where: { slug: { in: claims.map((claim) => claim.slug) } },
  });
  const existingBySlug = new Map(existing.map((row) => [row.slug, row]));
  const missing = claims.filter((claim) => !existingBySlug.has(claim.slug));
  if (missing.length) await transaction.claim.createMany({ data: missing.map(claimFields) });
  for (const claim of claims) {
    const row = existingBySlug.get(claim.slug);
    if (row && !claimMatchesSeed(row, claim)) {
      await transaction.claim.update({ where: { slug: claim.slug }, data: claimFields(claim) });
    }
  }
}

function articleFields(article: ArticleSeed) {
  return {
    slug: article.slug,
    title: article.title,
    summary: article.summary,
    publishedAt: article.publishedAt,
    publishedAtPrecision: article.publishedAtPrecision,
    tags: [...article.tags],
  };
}

function articleMatchesSeed(
  row: ReturnType<typeof articleFields> & { mentions: { agencyId: string }[] },
  article: ArticleSeed,
  mentionedIds: string[],
): boolean {
  return (
    row.title === article.title &&
    row.summary === article.summary &&
    row.publishedAt.getTime() === article.publishedAt.getTime() &&
    row.publishedAtPrecision === article.publishedAtPrecision &&
    row.tags.join("\n") === article.tags.join("\n") &&
    sameItems(row.mentions.map((mention) => mention.agencyId), mentionedIds)
  );
}

function claimFields(claim: ClaimSeed) {
  return {
    slug: claim.slug,
    statement: claim.statement,
    verdict: claim.verdict,
    explanation: claim.explanation,
  };
}

function claimMatchesSeed(row: ReturnType<typeof claimFields>, claim: ClaimSeed): boolean {
  return (
    row.statement === claim.statement &&
    row.verdict === claim.verdict &&
    row.explanation === claim.explanation
  );
}

function sameItems(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n");
}
