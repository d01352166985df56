import { composeServices } from "@apollo/composition";
import { parse } from "graphql";
import { readSubgraphSdl } from "../platform/subgraph.ts";
import { subgraphs } from "../subgraphs/registry.ts";

export class CompositionError extends Error {
  override name = "CompositionError";
}

export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

/**
 * Composes every registered subgraph's SDL into a supergraph. The URLs are
 * the local defaults; deployments point the gateway elsewhere at run time.
 */
export function composeSupergraph(): string {
  return composeSubgraphs(
    subgraphs.map(({ name, defaultPort }) => ({
      name,
      url: `http://localhost:${defaultPort}/graphql`,
      sdl: readSubgraphSdl(name),
    })),
  );
}

export function composeSubgraphs(sources: readonly SubgraphSource[]): string {
  const result = composeServices(
    sources.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })),
  );
  if (result.errors) {
    const reasons = result.errors.map((error) => `  - ${error.message}`);
    throw new CompositionError(["The subgraphs do not compose:", ...reasons].join("\n"));
  }
  return result.supergraphSdl;
}
