import { readFileSync } from "node:fs";
import { buildSchema, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { exampleOperations } from "../../gateway/explorer.ts";

// The explorer's first tabs are the README's operations; they must keep
// working as the schema changes.

const api = buildSchema(readFileSync(new URL("../../schema/api.graphql", import.meta.url), "utf8"));

describe("the explorer's example tabs", () => {
  const examples = exampleOperations();

  it("are the README's operations, in order", () => {
    expect(examples.map((example) => example.name)).toEqual(["agencies", "partners", "dashboard", "graph-walks"]);
  });

  it.each(examples.map((example) => [example.name, example.document]))("%s is valid against the API schema", (_name, document) => {
    expect(validate(api, parse(document)).map((error) => error.message)).toEqual([]);
  });
});
