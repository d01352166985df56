import { readFileSync } from "node:fs";
import type { CodegenConfig } from "@graphql-codegen/cli";
import { subgraphs } from "./supergraph/registry.ts";

/**
 * Resolver types for each registered subgraph, generated from its SDL in
 * schema/ into generated/graphql/. Each subgraph's `mappers.ts` says which
 * storage type stands behind a GraphQL type (`export type AgencyModel = …`
 * maps `Agency`), and its `context.ts` what resolvers get.
 */
function subgraphTypes(name: string) {
  return {
    schema: `schema/${name}.graphql`,
    plugins: ["typescript", "typescript-resolvers"],
    config: {
      federation: true,
      useIndexSignature: true,
      enumsAsTypes: true,
      useTypeImports: true,
      emitLegacyCommonJSImports: false,
      importExtension: ".ts",
      scalars: { DateTime: { input: "Date", output: "Date | string" } },
      contextType: `../../subgraphs/${name}/context.ts#Context`,
      mappers: Object.fromEntries(
        mappedTypes(name).map((type) => [type, `../../subgraphs/${name}/mappers.ts#${type}Model`]),
      ),
    },
  };
}

/** The GraphQL types a subgraph's mappers.ts maps, read from its `export type <Type>Model` lines. */
function mappedTypes(name: string): string[] {
  const mappers = readFileSync(new URL(`subgraphs/${name}/mappers.ts`, import.meta.url), "utf8");
  return [...mappers.matchAll(/^export type (\w+)Model\b/gm)].map((match) => match[1]!);
}

const config: CodegenConfig = {
  overwrite: true,
  silent: true,
  generates: Object.fromEntries(subgraphs.map(({ name }) => [`generated/graphql/${name}.ts`, subgraphTypes(name)])),
};

export default config;
