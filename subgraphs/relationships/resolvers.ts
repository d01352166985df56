import type { Resolvers } from "../../generated/graphql/relationships.ts";
import { isUuid } from "../../platform/database/ids.ts";
import { badUserInput } from "../../platform/graphql/errors.ts";
import { entityId } from "../../platform/graphql/validation.ts";
import { citationOf } from "../../platform/provenance.ts";
import { connectionResolvers, encodeCursor, readPage, toConnection } from "../../platform/graphql/pagination.ts";
import { MAX_NEIGHBOURHOOD_DEPTH } from "./graph-store.ts";
import { countRelationships, listRelationships, partnerIds, type RelationshipKey } from "./relationship-store.ts";
import {
  createRelationship,
  deleteRelationship,
  resumeRelationship,
  suspendRelationship,
  updateRelationship,
} from "./relationship-writes.ts";

export const resolvers: Resolvers = {
  RelationshipConnection: connectionResolvers,
  Query: {
    relationship(_parent, { id }, { relationshipById }) {
      return relationshipById.load(entityId(id, "id"));
    },

    async relationships(_parent, { kind, status, closeness, from, to, agency, ...paging }, { prisma, relationshipById }) {
      const filter = {
        kind,
        status,
        closeness,
        from: from == null ? null : entityId(from, "from"),
        to: to == null ? null : entityId(to, "to"),
        agency: agency == null ? null : entityId(agency, "agency"),
      };
      const page = readPage(paging, isRelationshipKey);
      const rows = await listRelationships(prisma, filter, page);
      for (const row of rows) relationshipById.prime(row.id, row);
      return toConnection(rows, page, {
        cursorOf: (row) => encodeCursor([row.id]),
        totalCount: () => countRelationships(prisma, filter),
      });
    },

    shortestPath(_parent, { from, to, status }, { links }) {
      return links.shortestPath(entityId(from, "from"), entityId(to, "to"), status ?? null);
    },
  },

  Mutation: {
    createRelationship: (_parent, { input }, context) => createRelationship(context, input),
    updateRelationship: (_parent, { input }, context) => updateRelationship(context, input),
    suspendRelationship: (_parent, { input }, context) => suspendRelationship(context, input),
    resumeRelationship: (_parent, { input }, context) => resumeRelationship(context, input),
    deleteRelationship: (_parent, { input }, context) => deleteRelationship(context, input),
  },

  Agency: {
    // The agency is whatever the agencies subgraph says it is; here it is
    // only the id its links are looked up by.
    async __resolveReference({ id }) {
      return { id: entityId(id, "representations") };
    },

    relationships({ id }, { kind, status, direction }, { relationshipsOfAgency }) {
      return relationshipsOfAgency.load({ id, options: { kind, status, direction } });
    },

    async partners({ id }, { kind, status }, { relationshipsOfAgency }) {
      const links = await relationshipsOfAgency.load({ id, options: { kind, status, direction: "BOTH" } });
      return partnerIds(id, links).map((partnerId) => ({ id: partnerId }));
    },

    neighbourhood({ id }, { depth, status }, { neighbourhoodOfAgency }) {
      if (!Number.isInteger(depth) || depth < 1 || depth > MAX_NEIGHBOURHOOD_DEPTH) {
        throw badUserInput(`\`depth\` must be 1 to ${MAX_NEIGHBOURHOOD_DEPTH}.`, "depth");
      }
      return neighbourhoodOfAgency.load({ id, options: { depth, status: status ?? null } });
    },
  },

  AgencyGraph: {
    nodes: ({ nodeIds }) => nodeIds.map((id) => ({ id })),
  },

  Relationship: {
    async __resolveReference({ id }, { relationshipById }) {
      return relationshipById.load(entityId(id, "representations"));
    },
    from: ({ fromAgencyId }) => ({ id: fromAgencyId }),
    to: ({ toAgencyId }) => ({ id: toAgencyId }),
    source: citationOf,
  },
};

function isRelationshipKey(value: unknown): value is RelationshipKey {
  return Array.isArray(value) && value.length === 1 && typeof value[0] === "string" && isUuid(value[0]);
}
