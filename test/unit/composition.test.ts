import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { subgraphEndpoints } from "../../gateway/subgraph-endpoints.ts";
import { composeSubgraphs, composeSupergraph, CompositionError } from "../../supergraph/compose.ts";
import { derivedFiles, readCommitted } from "../../supergraph/derived-files.ts";
import { subgraphs } from "../../supergraph/registry.ts";

describe("files derived from the registry", () => {
  it.each(derivedFiles.map((file) => [file.path, file]))("%s is as `npm run compose` writes it now", (_path, file) => {
    expect(readCommitted(file)).toBe(file.content());
  });

  it("name a subgraph only where it has its SDL, its folder and its Prisma file", () => {
    const names = subgraphs.map(({ name }) => name).sort();
    const withoutExtension = (folder: string, extension: string) =>
      readdirSync(new URL(`../../${folder}/`, import.meta.url))
        .filter((file) => file.endsWith(extension))
        .map((file) => file.slice(0, -extension.length));
    expect(withoutExtension("schema", ".graphql").filter((name) => !["supergraph", "api", "shared"].includes(name)).sort()).toEqual(names);
    expect(withoutExtension("prisma/schema", ".prisma").filter((name) => name !== "client").sort()).toEqual(names);
  });
});

describe("the gateway's subgraphs", () => {
  it("come from the supergraph, each overridable by <NAME>_URL", () => {
    const endpoints = subgraphEndpoints(composeSupergraph(), { NEWS_URL: "http://news.internal:9000/graphql" });
    expect(Object.keys(endpoints).sort()).toEqual(subgraphs.map(({ name }) => name).sort());
    expect(endpoints.news).toBe("http://news.internal:9000/graphql");
    expect(endpoints.agencies).toBe("http://127.0.0.1:4001/graphql");
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
