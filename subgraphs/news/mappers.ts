import type { Claim, NewsArticle } from "../../generated/prisma/client.ts";
import type { Connection } from "../../platform/graphql/pagination.ts";

/** An article with the ids of the agencies it mentions, as a write answers and audits it. */
export type ArticleSnapshot = NewsArticle & { mentions: string[] };

/** An article's row; a write's answer also carries its mentions, as they were. */
export type NewsArticleModel = NewsArticle & { mentions?: string[] };
export type NewsConnectionModel = Connection<NewsArticle>;
export type ClaimModel = Claim;
/** An agency is known here by its id alone; the agencies subgraph has the rest. */
export type AgencyModel = { id: string };
