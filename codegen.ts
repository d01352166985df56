import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { codegen } from "@graphql-codegen/core";
import * as typescript from "@graphql-codegen/typescript";
import * as typescriptResolvers from "@graphql-codegen/typescript-resolvers";
import { parse } from "graphql";
import { readSubgraphSdl } from "./platform/subgraph-sdl.ts";
import { subgraphs } from "./supergraph/registry.ts";

/**
 * Resolver types for each registered subgraph, generated from its SDL in
 * schema/ into generated/graphql/. Each subgraph's `mappers.ts` says which
 * storage type stands behind a GraphQL type (`export type AgencyModel = …`
 * maps `Agency`), and its `context.ts` what resolvers get.
 */
function subgraphTypesConfig(name: string) {
  return {
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
  };
}

/** The GraphQL types a subgraph's mappers.ts maps, read from its `export type <Type>Model` lines. */
function mappedTypes(name: string): string[] {
  const mappers = readFileSync(new URL(`subgraphs/${name}/mappers.ts`, import.meta.url), "utf8");
  return [...mappers.matchAll(/^export type (\w+)Model\b/gm)].map((match) => match[1]!);
}

/** Writes generated/graphql/<subgraph>.ts for every registered subgraph. */
export async function generateResolverTypes(): Promise<void> {
  const folder = new URL("generated/graphql/", import.meta.url);
  mkdirSync(folder, { recursive: true });
  for (const { name } of subgraphs) {
    const filename = `generated/graphql/${name}.ts`;
    const output = await codegen({
      filename,
      schema: parse(readSubgraphSdl(name)),
      documents: [],
      plugins: [{ typescript: {} }, { "typescript-resolvers": {} }],
      pluginMap: { typescript, "typescript-resolvers": typescriptResolvers },
      config: subgraphTypesConfig(name),
    });
    writeFileSync(new URL(`${name}.ts`, folder), output);
  }
}
