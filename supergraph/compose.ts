import { composeServices } from "@apollo/composition";
import { parse, printSchema } from "graphql";
import { readSubgraphSdl } from "../platform/subgraph-sdl.ts";
import { subgraphs } from "./registry.ts";

export class CompositionError extends Error {
  override name = "CompositionError";
}

export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

/** Where a subgraph answers by default; deployments point the gateway elsewhere with `<NAME>_URL`. */
export function defaultSubgraphUrl(port: number): string {
  return `http://127.0.0.1:${port}/graphql`;
}

/** Composes every registered subgraph's SDL into a supergraph. */
export function composeSupergraph(): string {
  return composeSubgraphs(registeredSources());
}

/**
 * The schema clients see and generate their types from: the supergraph
 * without federation's `join__` and `link__` machinery.
 */
export function composeApiSchema(): string {
  const api = compose(registeredSources()).schema.toAPISchema().toGraphQLJSSchema();
  return `# The API clients see, composed from schema/*.graphql by \`npm run compose\`.\n\n${printSchema(api)}\n`;
}

export function composeSubgraphs(sources: readonly SubgraphSource[]): string {
  return compose(sources).supergraphSdl;
}

function registeredSources(): SubgraphSource[] {
  return subgraphs.map(({ name, port }) => ({ name, url: defaultSubgraphUrl(port), sdl: readSubgraphSdl(name) }));
}

function compose(sources: readonly SubgraphSource[]) {
  const result = composeServices(
    sources.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })),
  );
  if (result.errors) {
    const reasons = result.errors.map((error) => `  - ${error.message}`);
    throw new CompositionError(["The subgraphs do not compose:", ...reasons].join("\n"));
  }
  return result;
}
