import type { SubgraphDefinition } from "../platform/subgraph.ts";
import { agencies } from "./agencies/index.ts";
import { audit } from "./audit/index.ts";
import { news } from "./news/index.ts";
import { relationships } from "./relationships/index.ts";
import { threat } from "./threat/index.ts";

/**
 * Every subgraph of the supergraph. Start-up, composition, tests and
 * benchmarks read this list; a new subgraph is added here and nowhere else.
 */
export const subgraphs: readonly SubgraphDefinition[] = [agencies, audit, news, relationships, threat];
