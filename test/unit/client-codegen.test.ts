import { readFileSync } from "node:fs";
import { codegen } from "@graphql-codegen/core";
import * as typescript from "@graphql-codegen/typescript";
import * as typescriptOperations from "@graphql-codegen/typescript-operations";
import { parse } from "graphql";
import { describe, expect, it } from "vitest";

// What a dashboard team gets from GraphQL Code Generator run on
// schema/api.graphql with the scalar mapping the README gives them.

const api = readFileSync(new URL("../../schema/api.graphql", import.meta.url), "utf8");
const BANNER = `
  query Banner {
    threatLevel { level meaning since }
    news(last: 1) { edges { node { title publishedAt } } pageInfo { hasPreviousPage startCursor } }
  }`;

async function generate(config: Record<string, unknown>) {
  return codegen({
    filename: "src/generated/graphql.ts",
    schema: parse(api),
    documents: [{ location: "banner.graphql", document: parse(BANNER) }],
    plugins: [{ typescript: {} }, { "typescript-operations": {} }],
    pluginMap: { typescript, "typescript-operations": typescriptOperations },
    config,
  });
}

describe("client types generated from the API schema", () => {
  it("give DateTime as the ISO 8601 string the API sends, with the README's scalar mapping", async () => {
    const output = await generate({ scalars: { DateTime: "string" }, enumsAsTypes: true });
    expect(output).toMatch(/DateTime: \{ input: string; output: string; \}/);
    expect(output).toMatch(/since\?: string \| null/);
    expect(output).toMatch(/node: \{ __typename\?: 'NewsArticle', title: string, publishedAt\?: string \| null \}/);
    // The schema's descriptions come along as comments.
    expect(output).toMatch(/export type ThreatLevel =\s+\/\*\* An attack is highly unlikely\. \*\/\s+\| 'LOW'/);
  });

  it("would leave DateTime unknown without it", async () => {
    const output = await generate({});
    expect(output).toMatch(/DateTime: \{ input: any; output: any; \}/);
  });
});
