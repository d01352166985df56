import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { SubgraphSeed } from "../../platform/subgraph.ts";
import { sourcedFrom } from "../../platform/provenance.ts";
import { articles, claims, storedPublicationDate, type ArticleSeed, type ClaimSeed } from "./seed-data.ts";

type Transaction = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * Adds every seed article (with its mentions) and claim the tables lack,
 * matched by slug, in one transaction. Rows that exist are left as they
 * are, so seeding never undoes an editor's change. Mentions name agencies by
 * slug, so the agencies must be seeded first. Returns how many seed articles
 * and claims there are.
 */
async function seedNews(prisma: PrismaClient): Promise<number> {
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
    select: { slug: true },
  });
  const existingSlugs = new Set(existing.map((row) => row.slug));
  for (const article of articles.filter(({ slug }) => !existingSlugs.has(slug))) {
    const mentionedIds = article.mentions.map((slug) => agencyIds.get(slug)!);
    await transaction.newsArticle.create({
      data: { ...articleFields(article), mentions: { create: mentionedIds.map((agencyId) => ({ agencyId })) } },
    });
  }
}

async function seedClaims(transaction: Transaction) {
  await transaction.claim.createMany({ data: claims.map(claimFields), skipDuplicates: true });
}

function articleFields(article: ArticleSeed) {
  return {
    slug: article.slug,
    title: article.title,
    summary: article.summary,
    ...storedPublicationDate(article.publicationDate),
    tags: [...article.tags],
    ...sourcedFrom(article.source),
  };
}

function claimFields(claim: ClaimSeed) {
  return {
    slug: claim.slug,
    statement: claim.statement,
    verdict: claim.verdict,
    explanation: claim.explanation,
    ...sourcedFrom(claim.source),
  };
}

export const seed: SubgraphSeed = {
  run: seedNews,
  hasData: async (prisma) => (await prisma.newsArticle.findFirst({ select: { id: true } })) !== null,
};
