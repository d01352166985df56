import type { PrismaClient } from "../../platform/database/prisma.ts";
import type { RequestContext } from "../../platform/subgraph.ts";

export interface Context extends RequestContext {
  prisma: PrismaClient;
}

export function createContext(prisma: PrismaClient): Omit<Context, keyof RequestContext> {
  return { prisma };
}
