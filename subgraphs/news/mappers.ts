import type { Claim, NewsArticle } from "../../generated/prisma/client.ts";
import type { Connection } from "../../platform/graphql/pagination.ts";

export type NewsArticleModel = NewsArticle;
export type NewsConnectionModel = Connection<NewsArticle>;
export type ClaimModel = Claim;
/** An agency is known here by its id alone; the agencies subgraph has the rest. */
export type AgencyModel = { id: string };
