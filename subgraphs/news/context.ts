import DataLoader from "dataloader";
import type { NewsArticle } from "../../generated/prisma/client.ts";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import type { RequestContext } from "../../platform/subgraph.ts";
import {
  findArticlesByIds,
  findLatestArticleIdsByAgency,
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
 * Each agency's latest articles: one ranking statement per distinct `first`
 * (an operation rarely has more than one), then one for all the articles.
 */
async function latestNews(
  prisma: PrismaClient,
  articleById: DataLoader<string, NewsArticle | null>,
  keys: readonly AgencyNewsKey[],
): Promise<NewsArticle[][]> {
  const idsByKey = new Map<AgencyNewsKey, string[]>();
  for (const [first, group] of Map.groupBy(keys, (key) => key.first)) {
    const ids = await findLatestArticleIdsByAgency(prisma, group.map((key) => key.agencyId), first);
    group.forEach((key, index) => idsByKey.set(key, ids[index]!));
  }
  return Promise.all(
    keys.map(async (key) => {
      const articles = await Promise.all(idsByKey.get(key)!.map((id) => articleById.load(id)));
      return articles.filter((article) => article !== null);
    }),
  );
}
