import DataLoader from "dataloader";
import type { Agency, AgencyAlias } from "../../generated/prisma/client.ts";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import type { RequestContext } from "../../platform/subgraph.ts";
import { findAgenciesByIds, findAliasesOfAgencies } from "./agency-store.ts";

export interface Context extends RequestContext {
  prisma: PrismaClient;
  agencyById: DataLoader<string, Agency | null>;
  /** An agency's other names, by agency id. */
  aliasesOfAgency: DataLoader<string, AgencyAlias[]>;
}

export function createContext(prisma: PrismaClient): Omit<Context, keyof RequestContext> {
  return {
    prisma,
    agencyById: new DataLoader((ids) => findAgenciesByIds(prisma, ids)),
    aliasesOfAgency: new DataLoader((ids) => findAliasesOfAgencies(prisma, ids)),
  };
}
