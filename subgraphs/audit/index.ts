import { defineSubgraph } from "../../platform/subgraph.ts";
import { createContext } from "./context.ts";
import { resolvers } from "./resolvers.ts";

/** Reads the audit trail every subgraph appends to (see platform/writes). */
export const subgraph = defineSubgraph({
  name: "audit",
  resolvers,
  createContext,
});
