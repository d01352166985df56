import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { buildSubgraphSchema, printSubgraphSchema } from "@apollo/subgraph";
import { parse } from "graphql";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { CompiledExecution, COMPILED_OPERATIONS } from "../../platform/graphql/compiled-execution.ts";
import { badUserInput } from "../../platform/graphql/errors.ts";

// A subgraph's queries run compiled by graphql-jit, and answer exactly as
// graphql-js would have.

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query {
    agency(id: ID!): Agency
    agencies(filter: Filter): [Agency]
    nearby(around: Around): String
  }
  type Mutation { link(input: LinkInput!): String }
  type Agency @key(fields: "id") { id: ID! name: String }
  input Filter { prefix: String }
  input LinkInput { from: ID! status: String! = "ACTIVE" }
  input Around { centre: LinkInput }
`);

/** Agencies found after `delay` ms; "malformed" fails at once, as a bad id does before any lookup. */
async function agencyNamed(id: string, delay = 5) {
  if (id === "malformed") throw badUserInput("representations is not a well-formed id.", "representations");
  await sleep(delay);
  return id === "unknown" ? null : { id, name: id.toUpperCase() };
}

function startServer(limits = COMPILED_OPERATIONS) {
  const schema = buildSubgraphSchema({
    typeDefs,
    resolvers: {
      Query: {
        agency: (_: unknown, { id }: { id: string }) => agencyNamed(id),
        // A slow first item and a fast second: items settle out of order.
        agencies: () => [agencyNamed("mi5", 20), agencyNamed("sis", 1)],
        nearby: (_: unknown, args: unknown) => JSON.stringify(args),
      },
      Mutation: { link: (_: unknown, { input }: { input: unknown }) => JSON.stringify(input) },
      Agency: { __resolveReference: ({ id }: { id: string }) => agencyNamed(id) },
    } as never,
  });
  const execution = new CompiledExecution(schema, printSubgraphSchema(schema), limits);
  const server = new ApolloServer({ gateway: execution, plugins: [ApolloServerPluginInlineTraceDisabled()] });
  return { server, execution, started: server.start() };
}

const running: ApolloServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()));
});

async function serve(limits?: typeof COMPILED_OPERATIONS) {
  const { server, execution, started } = startServer(limits);
  running.push(server);
  await started;
  const ask = async (query: string, variables?: Record<string, unknown>) => {
    const { body } = await server.executeOperation({ query, variables });
    if (body.kind !== "single") throw new Error("expected a single result");
    return body.singleResult;
  };
  return { ask, execution };
}

const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Agency { name } } }`;
const representations = (...ids: string[]) => ids.map((id) => ({ __typename: "Agency", id }));

describe("compiled execution of a subgraph's operations", () => {
  it("answers with ordinary objects, compiling each operation once", async () => {
    const { ask, execution } = await serve();
    const first = await ask(`query One { agency(id: "mi5") { name } }`);
    const again = await ask(`query One { agency(id: "mi5") { name } }`);
    expect(again).toEqual(first);
    expect(first.data).toEqual({ agency: { name: "MI5" } });
    // graphql-js answers with prototype-less objects; graphql-jit with plain ones.
    expect(Object.getPrototypeOf(first.data)).toBe(Object.prototype);
    expect(execution.preparedCount).toBe(1);
  });

  it("keeps each entity in its representation's place when a later one fails before earlier ones resolve", async () => {
    const { ask } = await serve();
    const atEnd = await ask(ENTITIES, { representations: representations("mi5", "unknown", "malformed") });
    expect(atEnd.data).toEqual({ _entities: [{ name: "MI5" }, null, null] });
    expect(atEnd.errors?.map((error) => [error.path, error.extensions?.code, error.locations])).toEqual([
      [["_entities", 2], "BAD_USER_INPUT", [{ line: 1, column: 37 }]],
    ]);
    const inMiddle = await ask(ENTITIES, { representations: representations("malformed", "gchq") });
    expect(inMiddle.data).toEqual({ _entities: [null, { name: "GCHQ" }] });
    expect(inMiddle.errors?.map((error) => error.path)).toEqual([["_entities", 0]]);
  });

  it("keeps a list's items in order when they resolve out of order", async () => {
    const { ask } = await serve();
    expect((await ask(`{ agencies { name } }`)).data).toEqual({ agencies: [{ name: "MI5" }, { name: "SIS" }] });
  });

  it("runs mutations, and operations whose variables have defaulted required fields, as graphql-js does", async () => {
    const { ask } = await serve();
    const mutation = await ask(`mutation($input: LinkInput!) { link(input: $input) }`, { input: { from: "mi5" } });
    expect(mutation).toEqual({ data: { link: JSON.stringify({ from: "mi5", status: "ACTIVE" }) } });
    const nested = await ask(`query($around: Around) { nearby(around: $around) }`, { around: { centre: { from: "sis" } } });
    expect(nested).toEqual({ data: { nearby: JSON.stringify({ around: { centre: { from: "sis", status: "ACTIVE" } } }) } });
    expect(Object.getPrototypeOf(nested.data)).toBe(null);
    const plain = await ask(`query($filter: Filter) { agencies(filter: $filter) { name } }`, { filter: { prefix: "M" } });
    expect(Object.getPrototypeOf(plain.data)).toBe(Object.prototype);
  });

  it("holds no more operations than its bound", async () => {
    const { ask, execution } = await serve({ count: 2, sourceCharacters: 1_000_000 });
    for (const id of ["a", "b", "c"]) await ask(`{ agency(id: "${id}") { name } }`);
    expect(execution.preparedCount).toBe(2);
    const { ask: askLarge, execution: bySize } = await serve({ count: 100, sourceCharacters: 80 });
    for (const id of ["a", "b", "c"]) await askLarge(`{ agency(id: "${id}") { name } }`);
    expect(bySize.preparedCount).toBe(2);
  });
});
