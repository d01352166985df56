import { readFileSync } from "node:fs";
import { buildSchema, Kind, parse, print, validate, type OperationDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import { exampleOperations } from "../../gateway/explorer.ts";

// The explorer's first tabs are the README's operations; every operation
// the README shows must keep working as the schema changes.

const api = buildSchema(readFileSync(new URL("../../schema/api.graphql", import.meta.url), "utf8"));
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

/** The README's ```graphql blocks, indentation (inside a list item) removed. */
const readmeBlocks = [...readme.matchAll(/^( *)```graphql\n([\s\S]*?)^\1```$/gm)].map(([, indent, body]) =>
  body!.replace(new RegExp(`^${indent}`, "gm"), ""),
);

/** Each operation of a document, printed the same way whatever its layout. */
const operationsOf = (document: string) =>
  parse(document)
    .definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => print(operation));

describe("the README's operations", () => {
  it.each(readmeBlocks.map((block) => [block.split("\n")[0], block]))("%s … is valid against the API schema", (_first, block) => {
    expect(validate(api, parse(block)).map((error) => error.message)).toEqual([]);
  });
});

describe("the explorer's example tabs", () => {
  const examples = exampleOperations();
  const shownInReadme = new Set(readmeBlocks.flatMap(operationsOf));

  it("are the README's operations, in order", () => {
    expect(examples.map((example) => example.name)).toEqual(["agencies", "partners", "dashboard", "graph-walks"]);
    for (const example of examples) {
      for (const operation of operationsOf(example.document)) expect(shownInReadme, example.name).toContain(operation);
    }
  });

  it.each(examples.map((example) => [example.name, example.document]))("%s is valid against the API schema", (_name, document) => {
    expect(validate(api, parse(document)).map((error) => error.message)).toEqual([]);
  });
});
