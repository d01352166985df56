import { defineSubgraph } from "../../platform/subgraph.ts";
import { createContext } from "./context.ts";
import { resolvers } from "./resolvers.ts";

export const relationships = defineSubgraph({
  name: "relationships",
  defaultPort: 4002,
  resolvers,
  createContext,
});
