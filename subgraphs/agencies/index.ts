import { defineSubgraph } from "../../platform/subgraph.ts";
import { createContext } from "./context.ts";
import { resolvers } from "./resolvers.ts";

export const agencies = defineSubgraph({
  name: "agencies",
  defaultPort: 4001,
  resolvers,
  createContext,
});
