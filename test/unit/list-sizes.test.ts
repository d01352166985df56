import { readFileSync } from "node:fs";
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  Kind,
  parse,
  type GraphQLSchema,
} from "graphql";
import { describe, expect, it } from "vitest";
import { readSubgraphSdl } from "../../platform/subgraph-sdl.ts";
import { LIST_SIZES, LIST_SIZE_OF } from "../../schema/list-sizes.ts";

// The gateway prices an operation by the sizes of the lists it asks for, so
// every list of the API schema needs one, declared with the subgraph that
// answers it.

const api = buildSchema(readFileSync(new URL("../../schema/api.graphql", import.meta.url), "utf8"));

/** Every list field, and every connection's `edges`, of the API schema, as `Type.field`. */
function listFields(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap())
    .filter(isObjectType)
    .filter((type) => !type.name.startsWith("__"))
    .flatMap((type) =>
      Object.values(type.getFields())
        .filter((field) => isListType(getNullableType(field.type)))
        .map((field) => `${type.name}.${field.name}`),
    );
}

/** The fields `Type.field` a subgraph's SDL defines or extends. */
function fieldsOf(subgraph: string): Set<string> {
  const fields = new Set<string>();
  for (const definition of parse(readSubgraphSdl(subgraph)).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const field of definition.fields ?? []) fields.add(`${definition.name.value}.${field.name.value}`);
  }
  return fields;
}

describe("list sizes", () => {
  it("declares a size for every list of the API schema", () => {
    const undeclared = listFields(api).filter((coordinate) => !LIST_SIZE_OF.has(coordinate));
    expect(undeclared).toEqual([]);
  });

  it("declares sizes only for lists the API schema has", () => {
    const lists = new Set(listFields(api));
    expect([...LIST_SIZE_OF.keys()].filter((coordinate) => !lists.has(coordinate))).toEqual([]);
  });

  it("declares each list with the subgraph that answers it", () => {
    const misplaced = Object.entries(LIST_SIZES).flatMap(([subgraph, lists]) => {
      const fields = fieldsOf(subgraph);
      return Object.keys(lists).filter((coordinate) => !fields.has(coordinate)).map((coordinate) => `${subgraph}: ${coordinate}`);
    });
    expect(misplaced).toEqual([]);
  });

  it("sizes a page by the arguments a client pages with", () => {
    for (const [coordinate, size] of LIST_SIZE_OF) {
      if (size.kind !== "page") continue;
      const [typeName, fieldName] = coordinate.split(".") as [string, string];
      const answering =
        size.arguments === "field"
          ? [(api.getType(typeName) as { getFields(): Record<string, { args: readonly { name: string }[] }> }).getFields()[fieldName]!]
          : connectionFields(typeName);
      expect(answering.length, coordinate).toBeGreaterThan(0);
      for (const field of answering) expect(field.args.map((arg) => arg.name), coordinate).toContain("first");
    }
  });

  it("sizes a walk's lists by the depth of the field answering the graph", () => {
    for (const [coordinate, size] of LIST_SIZE_OF) {
      if (size.kind !== "walk") continue;
      const answering = connectionFields(coordinate.split(".")[0]!);
      expect(answering.length, coordinate).toBeGreaterThan(0);
      for (const field of answering) expect(field.args.map((arg) => arg.name), coordinate).toContain("depth");
    }
  });
});

/** Every field whose type is `typeName`. */
function connectionFields(typeName: string) {
  return Object.values(api.getTypeMap())
    .filter(isObjectType)
    .flatMap((type) => Object.values(type.getFields()))
    .filter((field) => getNamedType(field.type).name === typeName);
}
