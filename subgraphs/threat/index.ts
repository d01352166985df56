import { defineSubgraph } from "../../platform/subgraph.ts";
import { createContext } from "./context.ts";
import { CurrentThreatLevels } from "./current-levels.ts";
import { resolvers } from "./resolvers.ts";
import { seed } from "./seed.ts";

export const subgraph = defineSubgraph({
  name: "threat",
  resolvers,
  createContext,
  startMemory: (prisma, changes) => CurrentThreatLevels.start(prisma, changes),
  seed,
});
