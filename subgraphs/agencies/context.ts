import DataLoader from "dataloader";
import type { Agency, AgencyAlias } from "../../generated/prisma/client.ts";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import type { RequestContext } from "../../platform/subgraph.ts";
import { agencyReads, type AgencyDirectory, type AgencyReads } from "./agency-directory.ts";
import { findAliasesOfAgencies } from "./agency-store.ts";

export interface Context extends RequestContext {
  prisma: PrismaClient;
  /** Agencies by id and by slug: from the directory in memory when it is running, else from SQL. */
  agencies: AgencyReads;
  agencyById: DataLoader<string, Agency | null>;
  /** An agency's other names, by agency id. */
  aliasesOfAgency: DataLoader<string, AgencyAlias[]>;
}

export function createContext(
  prisma: PrismaClient,
  _identity: unknown,
  directory: AgencyDirectory | undefined,
): Omit<Context, keyof RequestContext> {
  const agencies = agencyReads(prisma, directory);
  return {
    prisma,
    agencies,
    agencyById: new DataLoader((ids) => agencies.byIds(ids)),
    aliasesOfAgency: new DataLoader((ids) => findAliasesOfAgencies(prisma, ids)),
  };
}
