import { defineSubgraph } from "../../platform/subgraph.ts";
import { AgencyDirectory } from "./agency-directory.ts";
import { createContext } from "./context.ts";
import { resolvers } from "./resolvers.ts";
import { seed } from "./seed.ts";

export const subgraph = defineSubgraph({
  name: "agencies",
  resolvers,
  createContext,
  startMemory: (prisma, changes) => AgencyDirectory.start(prisma, changes),
  seed,
});
