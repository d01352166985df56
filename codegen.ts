import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * Resolver types for each subgraph, generated from its SDL in schema/ into
 * generated/graphql/. Each subgraph's `mappers.ts` says which storage type
 * stands behind each GraphQL type, and its `context.ts` what resolvers get.
 */
const subgraphs = ["agencies", "audit", "news", "relationships", "threat"];

function subgraphTypes(name: string, mappedTypes: string[]) {
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
        mappedTypes.map((type) => [type, `../../subgraphs/${name}/mappers.ts#${type}Model`]),
      ),
    },
  };
}

const mappedTypes: Record<string, string[]> = {
  agencies: ["Agency", "AgencyConnection"],
  audit: ["AuditEntry", "AuditEntryConnection"],
  news: ["NewsArticle", "NewsConnection", "Claim", "Agency"],
  relationships: ["Agency", "Relationship", "RelationshipConnection", "AgencyGraph"],
  threat: ["ThreatAssessment", "ThreatAssessmentConnection", "EmergencyContact"],
};

const config: CodegenConfig = {
  overwrite: true,
  silent: true,
  generates: Object.fromEntries(
    subgraphs.map((name) => [`generated/graphql/${name}.ts`, subgraphTypes(name, mappedTypes[name] ?? [])]),
  ),
};

export default config;
