import { defineSubgraph } from "../../platform/subgraph.ts";
import { createContext } from "./context.ts";
import { resolvers } from "./resolvers.ts";

export const threat = defineSubgraph({
  name: "threat",
  defaultPort: 4004,
  resolvers,
  createContext,
});
