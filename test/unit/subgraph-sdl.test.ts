import { isTypeDefinitionNode, Kind, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { readSubgraphSdl } from "../../platform/subgraph-sdl.ts";
import { subgraphs } from "../../supergraph/registry.ts";

/** The types and directives a subgraph's SDL declares (extensions aside). */
const declared = (name: string) =>
  parse(readSubgraphSdl(name)).definitions.flatMap((definition) =>
    isTypeDefinitionNode(definition) || definition.kind === Kind.DIRECTIVE_DEFINITION ? [definition.name.value] : [],
  );

describe("a subgraph's SDL", () => {
  it("carries the shared declarations it uses, and those they use in turn", () => {
    const audit = declared("audit");
    // The audit trail pages its entries; PageInfo hints @cacheControl, whose scope is an enum.
    expect(audit).toEqual(expect.arrayContaining(["PageInfo", "cacheControl", "CacheControlScope", "DateTime", "Source"]));
  });

  it("leaves out the shared declarations it does not use", () => {
    // No audit mutation records a source.
    expect(declared("audit")).not.toContain("SourceInput");
    expect(declared("agencies")).toContain("SourceInput");
  });

  it("carries the shared type its own SDL extends", () => {
    // Each subgraph extends the Subscription type, declared with its description once.
    expect(declared("news")).toContain("Subscription");
    expect(declared("audit")).not.toContain("Subscription");
  });

  it("declares each name once", () => {
    for (const { name } of subgraphs) {
      const names = declared(name);
      expect(names, name).toEqual([...new Set(names)]);
    }
  });
});
