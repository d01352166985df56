import { defineSubgraph } from "../../platform/subgraph.ts";
import { createContext } from "./context.ts";
import { LatestNews } from "./latest-news.ts";
import { resolvers } from "./resolvers.ts";
import { seed } from "./seed.ts";

export const subgraph = defineSubgraph({
  name: "news",
  resolvers,
  createContext,
  startMemory: (prisma, changes) => LatestNews.start(prisma, changes),
  seed,
});
