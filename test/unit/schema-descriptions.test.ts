import { readFileSync } from "node:fs";
import { Kind, parse, visit, type ASTNode } from "graphql";
import { describe, expect, it } from "vitest";
import { readSubgraphSdl } from "../../platform/subgraph-sdl.ts";
import { subgraphs } from "../../supergraph/registry.ts";

// The SDLs are the contract client teams read (in Sandbox, GraphiQL, their
// generated types): every type, field, argument, enum value, input field
// and directive says what it is.

type Described = ASTNode & { description?: { value: string }; name: { value: string } };

const DESCRIBED_KINDS = new Set<string>([
  Kind.OBJECT_TYPE_DEFINITION,
  Kind.INTERFACE_TYPE_DEFINITION,
  Kind.UNION_TYPE_DEFINITION,
  Kind.ENUM_TYPE_DEFINITION,
  Kind.INPUT_OBJECT_TYPE_DEFINITION,
  Kind.SCALAR_TYPE_DEFINITION,
  Kind.DIRECTIVE_DEFINITION,
  Kind.FIELD_DEFINITION,
  Kind.INPUT_VALUE_DEFINITION,
  Kind.ENUM_VALUE_DEFINITION,
]);

/** The coordinates (`Type.field(argument:)`) of everything in an SDL without a description. */
function undescribed(sdl: string): string[] {
  const missing: string[] = [];
  const path: string[] = [];
  visit(parse(sdl), {
    enter(node) {
      if (!DESCRIBED_KINDS.has(node.kind)) return;
      const { name, description } = node as Described;
      const prefix = node.kind === Kind.DIRECTIVE_DEFINITION ? "@" : "";
      path.push(`${prefix}${name.value}`);
      if (!description?.value.trim()) missing.push(path.join("."));
    },
    leave(node) {
      if (DESCRIBED_KINDS.has(node.kind)) path.pop();
    },
  });
  return missing;
}

describe("every subgraph's SDL", () => {
  it.each(subgraphs.map(({ name }) => name))("%s.graphql, with the shared declarations it uses, describes everything it defines", (name) => {
    expect(undescribed(readSubgraphSdl(name))).toEqual([]);
  });

  it("and so the API schema clients see (schema/api.graphql) describes everything", () => {
    const sdl = readFileSync(new URL("../../schema/api.graphql", import.meta.url), "utf8");
    expect(undescribed(sdl)).toEqual([]);
  });

  it("notices a field, an argument and an enum value without a description", () => {
    const sdl = `"A thing." type Thing { "Its id." id: ID! size(unit: String): Int } "Units." enum Unit { "Metres." M KM }`;
    expect(undescribed(sdl)).toEqual(["Thing.size", "Thing.size.unit", "Unit.KM"]);
  });
});
