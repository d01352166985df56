import { DateTimeResolver } from "graphql-scalars";
import type { Resolvers } from "../../generated/graphql/agencies.ts";
import { badUserInput } from "../../platform/graphql/errors.ts";
import { entityId } from "../../platform/graphql/validation.ts";
import { citationOf } from "../../platform/provenance.ts";
import { connectionResolvers, encodeCursor, readPage, toConnection } from "../../platform/graphql/pagination.ts";
import {
  countAgencies,
  isAgencySortKey,
  listAgencies,
  sortKeyOf,
} from "./agency-store.ts";
import { archiveAgency, createAgency, updateAgency } from "./agency-writes.ts";

const MAX_SEARCH_LENGTH = 200;

export const resolvers: Resolvers = {
  AgencyConnection: connectionResolvers,
  Query: {
    agency(_parent, { id, slug }, { agencies, agencyById }) {
      if ((id == null) === (slug == null)) {
        throw badUserInput("Give exactly one of `id` and `slug`.");
      }
      if (id != null) return agencyById.load(entityId(id, "id"));
      return agencies.bySlug(slug!);
    },

    async agencies(_parent, { kind, jurisdiction, search, includeArchived, ...paging }, { prisma, agencyById }) {
      if (search && search.length > MAX_SEARCH_LENGTH) {
        throw badUserInput(`\`search\` must be at most ${MAX_SEARCH_LENGTH} characters.`, "search");
      }
      const page = readPage(paging, isAgencySortKey);
      const filter = { kind, jurisdiction, search, includeArchived };
      const rows = await listAgencies(prisma, filter, page);
      for (const row of rows) agencyById.prime(row.id, row);
      return toConnection(rows, page, {
        cursorOf: (agency) => encodeCursor(sortKeyOf(agency)),
        totalCount: () => countAgencies(prisma, filter),
      });
    },
  },

  Mutation: {
    createAgency: (_parent, { input }, context) => createAgency(context, input),
    updateAgency: (_parent, { input }, context) => updateAgency(context, input),
    archiveAgency: (_parent, { input }, context) => archiveAgency(context, input),
  },

  Agency: {
    async __resolveReference({ id }, { agencyById }) {
      return agencyById.load(entityId(id, "representations"));
    },
    aliases: ({ id }, _args, { aliasesOfAgency }) => aliasesOfAgency.load(id),
    source: citationOf,
  },

  AgencyAlias: {
    source: citationOf,
  },

  DateTime: DateTimeResolver,
};
