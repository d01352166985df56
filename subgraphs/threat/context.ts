import DataLoader from "dataloader";
import type { ThreatAssessment, ThreatScope } from "../../generated/prisma/client.ts";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import type { RequestContext } from "../../platform/subgraph.ts";
import type { CurrentThreatLevels } from "./current-levels.ts";
import { findCurrentAssessments } from "./threat-store.ts";

export interface Context extends RequestContext {
  prisma: PrismaClient;
  /** `threatLevel` for each scope asked (under aliases): from memory when it is running, else one statement. */
  currentAssessment: DataLoader<ThreatScope, ThreatAssessment | null>;
}

export function createContext(
  prisma: PrismaClient,
  _identity: unknown,
  levels: CurrentThreatLevels | undefined,
): Omit<Context, keyof RequestContext> {
  return {
    prisma,
    currentAssessment: new DataLoader(async (scopes) =>
      levels && (await levels.current()) ? levels.assessmentsOf(scopes) : findCurrentAssessments(prisma, scopes),
    ),
  };
}
