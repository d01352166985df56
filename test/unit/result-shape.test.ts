import { buildSchema, operationFromDocument } from "@apollo/federation-internals";
// Apollo Gateway's own post-processing, the reference the compiled shape must agree with.
import { computeResponse } from "@apollo/gateway/dist/resultShaping.js";
import { Kind, parse, type FragmentDefinitionNode, type GraphQLError, type OperationDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import { compileResultShape, shapeResult, variableDefaults } from "../../gateway/execution/result-shape.ts";

const schema = buildSchema(`
  scalar DateTime
  enum Kind { AGENCY DEPARTMENT }
  interface Node { id: ID! }
  type Agency implements Node { id: ID! name: String! kind: Kind founded: DateTime size: Int ratio: Float secret: Boolean partners: [Agency!]! aliases: [String]! parent: Agency }
  type Article implements Node { id: ID! title: String }
  union Mention = Agency | Article
  type Query { agency: Agency agencies: [Agency]! required: Agency! node: Node mentions: [Mention!] count: Int }
`);
const graphqlSchema = schema.toGraphQLJSSchema();

const mi5 = {
  __typename: "Agency",
  id: "1",
  name: "MI5",
  kind: "AGENCY",
  founded: "1909-10-01",
  size: 4400,
  ratio: 0.5,
  secret: true,
  partners: [{ __typename: "Agency", id: "2", name: "SIS" }],
  aliases: ["Security Service", null],
  parent: null,
  internalKey: "dropped",
};

/** Each case: an operation, what the plan's fetches merged, and the variables. */
const cases: { name: string; query: string; input: Record<string, unknown>; variables?: Record<string, unknown> }[] = [
  { name: "fields, aliases, and keys the client did not ask for dropped", query: `{ agency { id title: name kind founded size ratio secret aliases } }`, input: { agency: mi5 } },
  { name: "aliases every object already has", query: `{ agency { constructor: name toString: id __proto__: kind } }`, input: { agency: JSON.parse(`{"constructor":"MI5","toString":"1","__proto__":"AGENCY"}`) } },
  { name: "typename, aliased too", query: `{ agency { __typename t: __typename name } }`, input: { agency: mi5 } },
  { name: "nested lists of objects", query: `{ agency { partners { name } } agencies { id } }`, input: { agency: mi5, agencies: [mi5, null] } },
  { name: "fragments on an interface and a union", query: `{ node { id ... on Agency { name } ... on Article { title } } mentions { ... on Article { title } ... on Agency { name } } }`, input: { node: mi5, mentions: [mi5, { __typename: "Article", id: "a", title: "News" }] } },
  { name: "named fragments spread twice", query: `query { agency { ...A partners { ...A } } } fragment A on Agency { id name }`, input: { agency: mi5 } },
  { name: "the same field selected twice merges", query: `{ agency { partners { id } partners { name } name } }`, input: { agency: mi5 } },
  { name: "@skip and @include with variables and defaults", query: `query ($a: Boolean!, $b: Boolean = true) { agency { id @skip(if: $a) name @include(if: $b) kind @include(if: false) ... on Agency @skip(if: true) { size } } }`, input: { agency: mi5 }, variables: { a: true } },
  { name: "null for a non-null field nulls the nearest nullable parent", query: `{ agency { name partners { id name } } count }`, input: { agency: { ...mi5, partners: [{ id: "2", name: null }] }, count: 1 } },
  { name: "null for a non-null root field nulls the data", query: `{ required { name } count }`, input: { required: { name: null }, count: 3 } },
  { name: "a null element of a non-null list nulls the list's parent", query: `{ mentions { ... on Agency { id } } count }`, input: { mentions: [mi5, null], count: 2 } },
  { name: "values that do not fit the schema", query: `{ agency { size ratio kind secret id aliases } }`, input: { agency: { ...mi5, size: 1.5, ratio: "x", kind: "SPY", secret: "yes", id: 7, aliases: [3, true] } } },
  { name: "an unknown __typename", query: `{ node { id } }`, input: { node: { __typename: "Ghost", id: "1" } } },
  { name: "a missing object is null", query: `{ agency { parent { id } name } }`, input: { agency: mi5 } },
  { name: "a list where an object belongs", query: `{ agency { name } count }`, input: { agency: [mi5], count: 1 } },
  { name: "nothing fetched for a nullable root field", query: `{ agency { id } count }`, input: {} },
];

function apolloShape(query: string, input: Record<string, unknown>, variables?: Record<string, unknown>) {
  const operation = operationFromDocument(schema, parse(query), { validate: true });
  const { data, errors } = computeResponse({ operation, variables, input, introspectionHandling: () => null });
  return { data, errors: errors.map(view) };
}

function liaisonShape(query: string, input: Record<string, unknown>, variables?: Record<string, unknown>) {
  const document = parse(query);
  const operation = document.definitions.find((each) => each.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    document.definitions.filter((each) => each.kind === Kind.FRAGMENT_DEFINITION).map((each) => [(each as FragmentDefinitionNode).name.value, each]),
  ) as Record<string, FragmentDefinitionNode>;
  const shape = compileResultShape(graphqlSchema, operation, fragments);
  const { data, errors } = shapeResult(shape, input, { ...variableDefaults(graphqlSchema, operation), ...variables });
  return { data, errors: errors.map(view) };
}

const view = (error: GraphQLError) => ({ message: error.message, path: error.path, code: error.extensions.code });
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe("shaping a response from the compiled operation", () => {
  for (const { name, query, input, variables } of cases) {
    it(`answers as Apollo Gateway's post-processing: ${name}`, () => {
      // Each side gets its own copy: shaping must not depend on, or change, what it reads.
      const ours = liaisonShape(query, structuredClone(input), variables);
      expect(plain(ours)).toEqual(plain(apolloShape(query, structuredClone(input), variables)));
    });
  }

  it("keeps the order of the fields asked for, not the order fetched", () => {
    const { data } = liaisonShape(`{ agency { size name id } }`, { agency: mi5 });
    expect(Object.keys((data as { agency: object }).agency)).toEqual(["size", "name", "id"]);
  });

  it("answers under names every object already has, as asked", () => {
    const input = { agency: JSON.parse(`{"constructor":"MI5","toString":"1","__proto__":"AGENCY"}`) };
    const { data } = liaisonShape(`{ agency { constructor: name toString: id __proto__: kind } }`, input);
    expect(JSON.stringify(data)).toBe(`{"agency":{"constructor":"MI5","toString":"1","__proto__":"AGENCY"}}`);
  });

  it("reports the errors the reference reports, with their paths", () => {
    const { errors } = liaisonShape(`{ agency { name partners { id name } } }`, { agency: { ...mi5, partners: [{ id: "2", name: null }] } });
    expect(errors).toEqual([{ message: "Cannot return null for non-nullable field Agency.name.", path: ["agency", "partners", 0, "name"], code: "INVALID_GRAPHQL" }]);
  });

  it("answers introspection from the schema, beside fetched data", () => {
    const { data } = liaisonShape(
      `query ($name: String!) { kinds: __type(name: $name) { enumValues { name } } __schema { queryType { name } } count }`,
      { count: 2 },
      { name: "Kind" },
    );
    expect(plain(data)).toEqual({ kinds: { enumValues: [{ name: "AGENCY" }, { name: "DEPARTMENT" }] }, __schema: { queryType: { name: "Query" } }, count: 2 });
  });

  it("refuses an object where a list belongs, as the reference does", () => {
    expect(() => liaisonShape(`{ agencies { name } }`, { agencies: mi5 })).toThrow("non-list value");
    expect(() => apolloShape(`{ agencies { name } }`, { agencies: mi5 })).toThrow("non-list value");
  });
});
