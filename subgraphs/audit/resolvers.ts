import { DateTimeResolver, JSONResolver } from "graphql-scalars";
import type { Resolvers } from "../../generated/graphql/audit.ts";
import { badUserInput } from "../../platform/graphql/errors.ts";
import { entityId as checkEntityId } from "../../platform/graphql/validation.ts";
import {
  decodeCursor,
  encodeCursor,
  instantIdKey,
  isInstantIdKey,
  pageSize,
  toConnection,
} from "../../platform/graphql/pagination.ts";
import { countAuditEntries, listAuditEntries } from "./audit-store.ts";

export const resolvers: Resolvers = {
  Query: {
    async auditTrail(_parent, { entityType, entityId, actor, since, until, first, after }, { prisma }) {
      if (since && until && since >= until) throw badUserInput("`since` must be before `until`.", "since");
      const size = pageSize(first);
      const filter = { entityType, entityId: entityId == null ? null : checkEntityId(entityId, "entityId"), actor, since, until };
      const afterKey = after ? decodeCursor(after, isInstantIdKey) : undefined;
      const rows = await listAuditEntries(prisma, filter, size + 1, afterKey);
      return toConnection(rows, size, {
        cursorOf: (entry) => encodeCursor(instantIdKey(entry.at, entry.id)),
        after,
        totalCount: () => countAuditEntries(prisma, filter),
      });
    },
  },
  DateTime: DateTimeResolver,
  JSON: JSONResolver,
};
