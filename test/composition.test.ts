import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { composeSubgraphs, composeSupergraph, CompositionError } from "../gateway/compose.ts";
import { supergraphPath } from "../gateway/supergraph-file.ts";
import { subgraphs } from "../subgraphs/registry.ts";

describe("supergraph", () => {
  it("is committed as the subgraphs compose it now (run `npm run compose` if not)", () => {
    expect(readFileSync(supergraphPath, "utf8")).toBe(composeSupergraph());
  });

  it("joins every registered subgraph", () => {
    const supergraph = composeSupergraph();
    for (const { name, defaultPort } of subgraphs) {
      expect(supergraph).toContain(`@join__graph(name: "${name}", url: "http://localhost:${defaultPort}/graphql")`);
    }
  });
});

describe("composition errors", () => {
  it("names what does not compose", () => {
    const header = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])`;
    const compose = () =>
      composeSubgraphs([
        { name: "one", url: "http://one/graphql", sdl: `${header} type Query { a: Int } type Thing @key(fields: "id") { id: ID! size: Int }` },
        { name: "two", url: "http://two/graphql", sdl: `${header} type Query { b: Int } type Thing @key(fields: "id") { id: ID! size: String }` },
      ]);
    expect(compose).toThrow(CompositionError);
    expect(compose).toThrow(/do not compose:\n {2}- .*Thing\.size/);
  });
});
