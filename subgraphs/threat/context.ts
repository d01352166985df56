import DataLoader from "dataloader";
import type { ThreatAssessment, ThreatScope } from "../../generated/prisma/client.ts";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import type { RequestContext } from "../../platform/subgraph.ts";
import { findCurrentAssessments } from "./threat-store.ts";

export interface Context extends RequestContext {
  prisma: PrismaClient;
  /** Batches `threatLevel` asked for several scopes (under aliases) into one statement. */
  currentAssessment: DataLoader<ThreatScope, ThreatAssessment | null>;
}

export function createContext(prisma: PrismaClient): Omit<Context, keyof RequestContext> {
  return {
    prisma,
    currentAssessment: new DataLoader((scopes) => findCurrentAssessments(prisma, scopes)),
  };
}
