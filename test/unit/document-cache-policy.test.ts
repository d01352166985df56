import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse, type GraphQLSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentCachePolicy } from "../../platform/graphql/document-cache-policy.ts";

// Every kind of hint Apollo Server reads: on types, on fields, inherited,
// private, on an interface's implementations and on entities.
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  enum CacheControlScope { PUBLIC PRIVATE }
  directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION

  type Query {
    agency: Agency
    cachedAgency: Agency @cacheControl(maxAge: 10)
    secret: Secret
    label: String
    hintedLabel: String @cacheControl(maxAge: 40)
    page: Page @cacheControl(maxAge: 20)
    items: [Item!]! @cacheControl(maxAge: 100)
    firstItem: Item
    person: Person @cacheControl(maxAge: 50)
  }
  type Mutation { touch: Agency }
  type Agency @key(fields: "id") @cacheControl(maxAge: 60, scope: PUBLIC) {
    id: ID!
    name: String
    briefing: String @cacheControl(maxAge: 5)
    contact: Contact
    note: Note
  }
  type Contact { phone: String }
  type Note @cacheControl(inheritMaxAge: true) { text: String }
  type Secret @cacheControl(maxAge: 30, scope: PRIVATE) { code: String }
  type Page @cacheControl(inheritMaxAge: true) { agencies: [Agency!]! size: Int }
  interface Item { id: ID! }
  type Article implements Item @cacheControl(maxAge: 15) { id: ID! title: String }
  type Claim implements Item @cacheControl(maxAge: 90) { id: ID! }
  type Person @key(fields: "id") { id: ID! name: String @cacheControl(maxAge: 70) }
`);

const agency = { id: "a1", name: "MI5", briefing: "b", contact: { phone: "1" }, note: { text: "n" } };
const resolvers = {
  Query: {
    agency: () => agency,
    cachedAgency: () => agency,
    secret: () => ({ code: "x" }),
    label: () => "label",
    hintedLabel: () => "label",
    page: () => ({ agencies: [agency], size: 1 }),
    items: () => [
      { __typename: "Article", id: "i1", title: "t" },
      { __typename: "Claim", id: "i2" },
    ],
    firstItem: () => ({ __typename: "Claim", id: "i2" }),
    person: () => ({ id: "p1", name: "Ann" }),
  },
  Mutation: { touch: () => agency },
  Item: { __resolveType: (item: { __typename: string }) => item.__typename },
  Agency: { __resolveReference: () => agency },
  Person: { __resolveReference: () => ({ id: "p1", name: "Ann" }) },
};

const OPERATIONS = [
  "{ agency { name } }",
  "{ agency { name briefing } }",
  "{ agency { contact { phone } } }",
  "{ agency { note { text } } }",
  "{ cachedAgency { name } }",
  "{ secret { code } }",
  "{ agency { name } secret { code } }",
  "{ label }",
  "{ hintedLabel }",
  "{ page { size agencies { name } } }",
  "{ page { agencies { briefing } } }",
  "{ items { id } }",
  "{ items { id ... on Article { title } } }",
  "{ firstItem { id } }",
  "{ person { id } }",
  "{ person { name } }",
  "{ __typename }",
  "query Named { ...Fields } fragment Fields on Query { agency { ...AgencyFields } } fragment AgencyFields on Agency { name briefing }",
];

const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Agency { name } ... on Person { id } } }`;

async function started(plugins: (schema: GraphQLSchema) => ApolloServerPlugin[]) {
  const schema = buildSubgraphSchema({ typeDefs, resolvers });
  const server = new ApolloServer({ schema, plugins: [ApolloServerPluginInlineTraceDisabled(), ...plugins(schema)] });
  await server.start();
  return server;
}

async function cacheControlOf(server: ApolloServer, query: string, variables?: Record<string, unknown>) {
  const response = await server.executeOperation({ query, variables });
  return response.http.headers.get("cache-control");
}

describe("documentCachePolicy", () => {
  let apollos: ApolloServer;
  let perDocument: ApolloServer;

  beforeAll(async () => {
    apollos = await started(() => []);
    perDocument = await started((schema) => [ApolloServerPluginCacheControlDisabled(), documentCachePolicy(schema)]);
  });
  afterAll(async () => {
    await apollos.stop();
    await perDocument.stop();
  });

  it("gives every operation whose fields all resolve the Cache-Control Apollo Server's per-field plugin gives", async () => {
    const pairs = [];
    for (const query of OPERATIONS) {
      pairs.push({ query, ours: await cacheControlOf(perDocument, query), apollo: await cacheControlOf(apollos, query) });
    }
    for (const { query, ours, apollo } of pairs) expect(ours, query).toBe(apollo);
    // The corpus covers cacheable, private and uncacheable answers alike.
    const answers = new Set(pairs.map((pair) => pair.apollo));
    for (const expected of ["max-age=60, public", "max-age=5, public", "max-age=30, private", "no-store", "max-age=100, public"]) {
      expect(answers).toContain(expected);
    }
  });

  it("makes _entities as cacheable as the entity type asked for", async () => {
    const agencies = { representations: [{ __typename: "Agency", id: "a1" }] };
    const agenciesOnly = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Agency { name } } }`;
    expect(await cacheControlOf(perDocument, agenciesOnly, agencies)).toBe("max-age=60, public");
    expect(await cacheControlOf(apollos, agenciesOnly, agencies)).toBe("max-age=60, public");
  });

  it("is never laxer than Apollo Server: an entity type without a hint makes _entities uncacheable, whichever representations come", async () => {
    const both = { representations: [{ __typename: "Agency", id: "a1" }, { __typename: "Person", id: "p1" }] };
    // Apollo Server lets the hinted Agency decide for the unhinted Person.
    expect(await cacheControlOf(apollos, ENTITIES, both)).toBe("max-age=60, public");
    expect(await cacheControlOf(perDocument, ENTITIES, both)).toBe("no-store");
  });

  it("makes a mutation uncacheable, even one returning a hinted type", async () => {
    expect(await cacheControlOf(perDocument, "mutation { touch { name } }")).toBe("no-store");
  });

  it("is no-store for an answer with errors", async () => {
    expect(await cacheControlOf(perDocument, "{ agency { missing } }")).toBe("no-store");
  });
});
