import DataLoader from "dataloader";
import type { NewsArticle } from "../../generated/prisma/client.ts";
import { readThrough } from "../../platform/changes/entity-memory.ts";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import type { RequestContext } from "../../platform/subgraph.ts";
import type { LatestNews } from "./latest-news.ts";
import type { NewsArticleModel } from "./mappers.ts";
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
  articleById: DataLoader<string, NewsArticleModel | null>;
  /** The ids of the agencies an article mentions. */
  mentionedAgencyIds: DataLoader<string, string[]>;
  agencyNews: DataLoader<AgencyNewsKey, NewsArticleModel[], string>;
}

export function createContext(prisma: PrismaClient, _identity: unknown, news: LatestNews | undefined): Omit<Context, keyof RequestContext> {
  // Held articles from memory when it can vouch for itself, the rest from SQL.
  const articleById = new DataLoader((ids: readonly string[]) => readThrough(news, ids, (some) => findArticlesByIds(prisma, some)));
  return {
    prisma,
    articleById,
    mentionedAgencyIds: new DataLoader((articleIds) => findMentionedAgencyIds(prisma, articleIds)),
    agencyNews: new DataLoader((keys) => latestNews(prisma, news, articleById, keys), {
      cacheKeyFn: ({ agencyId, first }) => `${first}:${agencyId}`,
    }),
  };
}


/**
 * Each agency's latest articles: from memory when it runs and can vouch for
 * itself, else one statement per distinct `first` (an operation rarely has
 * more than one); the articles are kept for the rest of the request.
 */
async function latestNews(
  prisma: PrismaClient,
  news: LatestNews | undefined,
  articleById: DataLoader<string, NewsArticleModel | null>,
  keys: readonly AgencyNewsKey[],
): Promise<NewsArticleModel[][]> {
  const fromMemory = news !== undefined && (await news.current());
  const articlesByKey = new Map<AgencyNewsKey, NewsArticle[]>();
  for (const [first, group] of Map.groupBy(keys, (key) => key.first)) {
    const agencyIds = group.map((key) => key.agencyId);
    const articles = fromMemory ? news.latestOf(agencyIds, first) : await findLatestArticlesByAgency(prisma, agencyIds, first);
    group.forEach((key, index) => articlesByKey.set(key, articles[index]!));
  }
  for (const articles of articlesByKey.values()) for (const article of articles) articleById.prime(article.id, article);
  return keys.map((key) => articlesByKey.get(key)!);
}
