import { defineSubgraph } from "../../platform/subgraph.ts";
import { AdjacencyIndex } from "./adjacency-index.ts";
import { createContext } from "./context.ts";
import { resolvers } from "./resolvers.ts";
import { seed } from "./seed.ts";

export const subgraph = defineSubgraph({
  name: "relationships",
  resolvers,
  createContext,
  startMemory: (prisma, changes) => AdjacencyIndex.start(prisma, changes),
  seed,
});
