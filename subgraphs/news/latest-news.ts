import type { ChangeFeed } from "../../platform/changes/change-feed.ts";
import { IndexedMemory, type EntityMemoryOptions } from "../../platform/changes/entity-memory.ts";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import type { SubgraphMemory } from "../../platform/subgraph.ts";
import type { ArticleSnapshot } from "./mappers.ts";
import { findArticlePage, findArticlesWithMentions } from "./news-store.ts";

/**
 * Every article in memory with the agencies it mentions (an EntityMemory:
 * read at start, kept fresh from the change feed, SQL the fallback), and
 * for each agency its articles in the feed's order, withdrawn ones left
 * out, so that an agency's latest news, on every dashboard, costs no SQL.
 * Ranking an agency's mentions in SQL read all of them: at 20,000 agencies
 * the dashboard's one statement cost Postgres more than the gateway spent.
 * The feed itself, its filters and its counts stay in SQL.
 */
export class LatestNews extends IndexedMemory<ArticleSnapshot> implements SubgraphMemory {
  /** Each agency's articles, newest first, as the feed lists them. */
  readonly #byAgency = new Map<string, ArticleSnapshot[]>();

  private constructor(prisma: PrismaClient, options: EntityMemoryOptions) {
    super(
      {
        entityType: "NewsArticle",
        readPage: (after, limit) => findArticlePage(prisma, after, limit),
        readByIds: (ids) => findArticlesWithMentions(prisma, ids),
      },
      options,
    );
  }

  static async start(prisma: PrismaClient, changes: ChangeFeed, options: EntityMemoryOptions = {}): Promise<LatestNews> {
    const news = new LatestNews(prisma, options);
    await news.rows.start(changes);
    return news;
  }

  /** The latest `first` articles mentioning each of `agencyIds`, in order. */
  latestOf(agencyIds: readonly string[], first: number): ArticleSnapshot[][] {
    return agencyIds.map((id) => this.#byAgency.get(id)?.slice(0, first) ?? []);
  }

  protected index(article: ArticleSnapshot): void {
    if (article.withdrawnAt) return;
    for (const agencyId of article.mentions) {
      const articles = this.#byAgency.get(agencyId) ?? [];
      this.#byAgency.set(agencyId, articles);
      articles.splice(feedPosition(articles, article), 0, article);
    }
  }

  protected unindex(article: ArticleSnapshot): void {
    for (const agencyId of article.mentions) {
      const articles = this.#byAgency.get(agencyId);
      const position = articles?.indexOf(article) ?? -1;
      if (position >= 0) articles!.splice(position, 1);
      if (articles?.length === 0) this.#byAgency.delete(agencyId);
    }
  }
}

/** Where `article` goes in `articles` (newest first, undated last, then by id descending): a binary search. */
function feedPosition(articles: readonly ArticleSnapshot[], article: ArticleSnapshot): number {
  let low = 0;
  let high = articles.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (comesBefore(articles[middle]!, article)) low = middle + 1;
    else high = middle;
  }
  return low;
}

function comesBefore(a: ArticleSnapshot, b: ArticleSnapshot): boolean {
  const aTime = a.publishedAt?.getTime();
  const bTime = b.publishedAt?.getTime();
  if (aTime !== bTime) return bTime === undefined || (aTime !== undefined && aTime > bTime);
  return a.id > b.id;
}
