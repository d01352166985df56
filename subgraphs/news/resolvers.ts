import { DateTimeResolver } from "graphql-scalars";
import type { Resolvers } from "../../generated/graphql/news.ts";
import { badUserInput } from "../../platform/graphql/errors.ts";
import { entityId } from "../../platform/graphql/validation.ts";
import { connectionResolvers, encodeCursor, pageSize, readPage, toConnection } from "../../platform/graphql/pagination.ts";
import { citationOf } from "../../platform/provenance.ts";
import { publishArticle, updateArticle, withdrawArticle } from "./article-writes.ts";
import { publicationDate, publishedInstant } from "./publication-date.ts";
import { countArticles, feedKey, findArticleBySlug, isFeedKey, listArticles, listClaims } from "./news-store.ts";

const MAX_TAG_LENGTH = 100;

export const resolvers: Resolvers = {
  NewsConnection: connectionResolvers,
  DateTime: DateTimeResolver,

  Query: {
    async news(_parent, { agency, tag, ...paging }, { prisma, articleById }) {
      if (tag != null && tag.length > MAX_TAG_LENGTH) {
        throw badUserInput(`\`tag\` must be at most ${MAX_TAG_LENGTH} characters.`, "tag");
      }
      const page = readPage(paging, isFeedKey);
      const filter = { agencyId: agency == null ? null : entityId(agency, "agency"), tag: tag?.trim().toLowerCase() };
      const rows = await listArticles(prisma, filter, page);
      for (const row of rows) articleById.prime(row.id, row);
      return toConnection(rows, page, {
        cursorOf: (article) => encodeCursor(feedKey(article)),
        totalCount: () => countArticles(prisma, filter),
      });
    },

    article(_parent, { id, slug }, { prisma, articleById }) {
      if ((id == null) === (slug == null)) throw badUserInput("Give exactly one of `id` and `slug`.");
      if (id != null) return articleById.load(entityId(id, "id"));
      return findArticleBySlug(prisma, slug!);
    },

    factOrFiction(_parent, _args, { prisma }) {
      return listClaims(prisma);
    },
  },

  Mutation: {
    publishArticle: (_parent, { input }, context) => publishArticle(context, input),
    updateArticle: (_parent, { input }, context) => updateArticle(context, input),
    withdrawArticle: (_parent, { input }, context) => withdrawArticle(context, input),
  },

  NewsArticle: {
    async __resolveReference({ id }, { articleById }) {
      return articleById.load(entityId(id, "representations"));
    },
    async mentions({ id, mentions }, _args, { mentionedAgencyIds }) {
      const agencyIds = mentions ?? (await mentionedAgencyIds.load(id));
      return agencyIds.map((agencyId) => ({ id: agencyId }));
    },
    publishedAt: publishedInstant,
    publicationDate,
    source: citationOf,
  },

  Claim: {
    source: citationOf,
  },

  Agency: {
    async __resolveReference({ id }) {
      return { id: entityId(id, "representations") };
    },
    news({ id }, { first }, { agencyNews }) {
      return agencyNews.load({ agencyId: id, first: pageSize(first) });
    },
  },
};
