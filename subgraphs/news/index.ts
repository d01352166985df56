import { defineSubgraph } from "../../platform/subgraph.ts";
import { createContext } from "./context.ts";
import { resolvers } from "./resolvers.ts";

export const news = defineSubgraph({
  name: "news",
  defaultPort: 4003,
  resolvers,
  createContext,
});
