import { DateTimeResolver, JSONResolver } from "graphql-scalars";
import type { Resolvers } from "../../generated/graphql/audit.ts";
import { badUserInput } from "../../platform/graphql/errors.ts";
import { decodeCursor, encodeCursor, pageSize, toConnection } from "../../platform/graphql/pagination.ts";
import { countAuditEntries, isAuditSortKey, listAuditEntries, sortKeyOf } from "./audit-store.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const resolvers: Resolvers = {
  Query: {
    async auditTrail(_parent, { entityType, entityId, actor, since, until, first, after }, { prisma }) {
      if (entityId && !UUID.test(entityId)) throw badUserInput("`entityId` is not an entity id.", "entityId");
      if (since && until && since >= until) throw badUserInput("`since` must be before `until`.", "since");
      const size = pageSize(first);
      const filter = { entityType, entityId, actor, since, until };
      const afterKey = after ? decodeCursor(after, isAuditSortKey) : undefined;
      const rows = await listAuditEntries(prisma, filter, size + 1, afterKey);
      return toConnection(rows, size, {
        cursorOf: (entry) => encodeCursor(sortKeyOf(entry)),
        after,
        totalCount: () => countAuditEntries(prisma, filter),
      });
    },
  },
  DateTime: DateTimeResolver,
  JSON: JSONResolver,
};
