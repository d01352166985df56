import DataLoader from "dataloader";
import type { NewsArticle } from "../../generated/prisma/client.ts";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import type { RequestContext } from "../../platform/subgraph.ts";
import {
  findArticlesByIds,
  findLatestArticlesByAgency,
  findMentionedAgencyIds,
} from "./news-store.ts";

/** An agency's latest `first` articles. */
export interface AgencyNewsKey {
  agencyId: string;
  first: number;
}

export interface Context extends RequestContext {
  prisma: PrismaClient;
  articleById: DataLoader<string, NewsArticle | null>;
  /** The ids of the agencies an article mentions. */
  mentionedAgencyIds: DataLoader<string, string[]>;
  agencyNews: DataLoader<AgencyNewsKey, NewsArticle[], string>;
}

export function createContext(prisma: PrismaClient): Omit<Context, keyof RequestContext> {
  const articleById = new DataLoader((ids: readonly string[]) => findArticlesByIds(prisma, ids));
  return {
    prisma,
    articleById,
    mentionedAgencyIds: new DataLoader((articleIds) => findMentionedAgencyIds(prisma, articleIds)),
    agencyNews: new DataLoader((keys) => latestNews(prisma, articleById, keys), {
      cacheKeyFn: ({ agencyId, first }) => `${first}:${agencyId}`,
    }),
  };
}

/**
 * Each agency's latest articles: one statement per distinct `first` (an
 * operation rarely has more than one); the articles read are kept for the
 * rest of the request.
 */
async function latestNews(
  prisma: PrismaClient,
  articleById: DataLoader<string, NewsArticle | null>,
  keys: readonly AgencyNewsKey[],
): Promise<NewsArticle[][]> {
  const articlesByKey = new Map<AgencyNewsKey, NewsArticle[]>();
  for (const [first, group] of Map.groupBy(keys, (key) => key.first)) {
    const articles = await findLatestArticlesByAgency(prisma, group.map((key) => key.agencyId), first);
    group.forEach((key, index) => articlesByKey.set(key, articles[index]!));
  }
  for (const articles of articlesByKey.values()) for (const article of articles) articleById.prime(article.id, article);
  return keys.map((key) => articlesByKey.get(key)!);
}
