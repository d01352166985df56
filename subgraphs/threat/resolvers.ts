import { DateTimeResolver } from "graphql-scalars";
import type { Resolvers } from "../../generated/graphql/threat.ts";
import { connectionResolvers, encodeCursor, readPage, toConnection } from "../../platform/graphql/pagination.ts";
import { entityId } from "../../platform/graphql/validation.ts";
import { citationOf } from "../../platform/provenance.ts";
import { meaningOf, threatLevels } from "./threat-levels.ts";
import {
  countAssessments,
  findAssessment,
  isVersionKey,
  listAssessments,
  listEmergencyContacts,
  versionKey,
} from "./threat-store.ts";
import { setThreatLevel } from "./threat-writes.ts";

export const resolvers: Resolvers = {
  ThreatAssessmentConnection: connectionResolvers,
  DateTime: DateTimeResolver,

  Query: {
    threatLevel(_parent, { scope }, { currentAssessment }) {
      return currentAssessment.load(scope);
    },

    threatAssessment(_parent, { id }, { prisma }) {
      return findAssessment(prisma, entityId(id, "id"));
    },

    async threatLevelHistory(_parent, { scope, ...paging }, { prisma }) {
      const page = readPage(paging, isVersionKey);
      const rows = await listAssessments(prisma, scope, page);
      return toConnection(rows, page, {
        cursorOf: (assessment) => encodeCursor(versionKey(assessment)),
        totalCount: () => countAssessments(prisma, scope),
      });
    },

    threatLevels() {
      return [...threatLevels];
    },

    emergencyContacts(_parent, _args, { prisma }) {
      return listEmergencyContacts(prisma);
    },
  },

  Mutation: {
    setThreatLevel: (_parent, { input }, context) => setThreatLevel(context, input),
  },

  ThreatAssessment: {
    meaning({ level }) {
      return meaningOf(level);
    },
    source: citationOf,
  },

  EmergencyContact: {
    source: citationOf,
  },
};
