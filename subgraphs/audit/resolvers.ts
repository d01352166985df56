import { DateTimeResolver, JSONResolver } from "graphql-scalars";
import type { Resolvers } from "../../generated/graphql/audit.ts";
import { badUserInput } from "../../platform/graphql/errors.ts";
import { entityId as checkEntityId } from "../../platform/graphql/validation.ts";
import { connectionResolvers, encodeCursor, instantIdKey, isInstantIdKey, readPage, toConnection } from "../../platform/graphql/pagination.ts";
import { citationOf } from "../../platform/provenance.ts";
import { countAuditEntries, listAuditEntries } from "./audit-store.ts";

export const resolvers: Resolvers = {
  AuditEntryConnection: connectionResolvers,
  Query: {
    async auditTrail(_parent, { entityType, entityId, actor, since, until, ...paging }, { prisma }) {
      if (since && until && since >= until) throw badUserInput("`since` must be before `until`.", "since");
      const page = readPage(paging, isInstantIdKey);
      const filter = { entityType, entityId: entityId == null ? null : checkEntityId(entityId, "entityId"), actor, since, until };
      const rows = await listAuditEntries(prisma, filter, page);
      return toConnection(rows, page, {
        cursorOf: (entry) => encodeCursor(instantIdKey(entry.at, entry.id)),
        totalCount: () => countAuditEntries(prisma, filter),
      });
    },
  },
  AuditEntry: {
    source: citationOf,
  },
  DateTime: DateTimeResolver,
  JSON: JSONResolver,
};
