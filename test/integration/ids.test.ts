import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataOf, errorOf } from "../support/responses.ts";
import { startTestSupergraph, type TestSupergraph } from "../support/test-supergraph.ts";

// One way to take an id (entityId in platform/graphql/validation.ts): a
// UUID in any case names the same entity in every argument, every mutation
// input and every entity reference; anything else is BAD_USER_INPUT naming
// the argument.

let liaison: TestSupergraph;
let editor: string;
let admin: string;
let ids: { mi5: string; gchq: string; sis: string; link: string; article: string };

beforeAll(async () => {
  liaison = await startTestSupergraph();
  [editor, admin] = await Promise.all([liaison.tokenFor("editor", "eve-editor"), liaison.tokenFor("admin", "ada-admin")]);
  const agencies = await liaison.query(`{ agencies(first: 100) { edges { node { id slug } } } }`);
  const bySlug = Object.fromEntries(agencies.body.data.agencies.edges.map(({ node }: any) => [node.slug, node.id]));
  const links = await liaison.query(`query($mi5: ID) { relationships(agency: $mi5, first: 1) { edges { node { id } } } }`, { mi5: bySlug.mi5 });
  const articles = await liaison.query(`{ news(first: 1) { edges { node { id } } } }`);
  ids = {
    mi5: bySlug.mi5,
    gchq: bySlug.gchq,
    sis: bySlug.sis,
    link: links.body.data.relationships.edges[0].node.id,
    article: articles.body.data.news.edges[0].node.id,
  };
});
afterAll(() => liaison?.stop());

const upper = (id: string) => id.toUpperCase();

describe("an id in upper case", () => {
  it("stores lower case, so it holds as the test's premise", () => {
    for (const id of Object.values(ids)) expect(id).toBe(id.toLowerCase());
  });

  it("names the same entity in every query argument", async () => {
    const reads: [string, Record<string, unknown>][] = [
      [`query($id: ID) { agency(id: $id) { id slug } }`, { id: ids.mi5 }],
      [`query($id: ID!) { relationship(id: $id) { id kind } }`, { id: ids.link }],
      [`query($a: ID) { relationships(agency: $a, first: 100) { totalCount edges { node { id } } } }`, { a: ids.mi5 }],
      [`query($a: ID) { relationships(from: $a, first: 100) { totalCount } }`, { a: ids.mi5 }],
      [`query($a: ID) { relationships(to: $a, first: 100) { totalCount } }`, { a: ids.gchq }],
      [`query($a: ID!, $b: ID!) { shortestPath(from: $a, to: $b) { id } }`, { a: ids.sis, b: ids.gchq }],
      [`query($a: ID!) { shortestPath(from: $a, to: $a) { id } }`, { a: ids.mi5 }],
      [`query($a: ID) { news(agency: $a) { totalCount edges { node { id } } } }`, { a: ids.mi5 }],
    ];
    for (const [query, variables] of reads) {
      const lower = dataOf(await liaison.query(query, variables));
      const shouted = Object.fromEntries(Object.entries(variables).map(([name, id]) => [name, upper(id as string)]));
      expect(dataOf(await liaison.query(query, shouted)), query).toEqual(lower);
      expect(JSON.stringify(lower), query).not.toMatch(/"(null|\[\]|0)"/);
    }
    const agency = dataOf(await liaison.query(`query($id: ID) { agency(id: $id) { id slug partners { slug } news { slug } } }`, { id: upper(ids.mi5) })).agency;
    expect(agency).toMatchObject({ id: ids.mi5, slug: "mi5" });
    expect(agency.partners.length).toBeGreaterThan(0);
    expect(agency.news.length).toBeGreaterThan(0);
  });

  it("names the same entity in the audit trail's filter", async () => {
    const query = `query($id: ID) { auditTrail(entityId: $id, first: 100) { totalCount } }`;
    const link = await liaison.query(
      `mutation($input: UpdateRelationshipInput!) { updateRelationship(input: $input) { id version } }`,
      { input: { id: upper(ids.link), version: 1, description: "Changed through an upper-case id." } },
      { token: editor },
    );
    expect(dataOf(link).updateRelationship).toEqual({ id: ids.link, version: 2 });
    const lower = dataOf(await liaison.query(query, { id: ids.link }, { token: admin }));
    expect(lower.auditTrail.totalCount).toBe(1);
    expect(dataOf(await liaison.query(query, { id: upper(ids.link) }, { token: admin }))).toEqual(lower);
  });

  it("names the same entity in every mutation's input, and is stored and answered in lower case", async () => {
    const created = dataOf(await liaison.query(
      `mutation($input: CreateRelationshipInput!) { createRelationship(input: $input) { id version from { id slug } to { id slug } } }`,
      { input: { from: upper(ids.sis), to: upper(ids.mi5), kind: "RELIES_ON", description: "Made with upper-case ids." } },
      { token: editor },
    )).createRelationship;
    expect(created).toMatchObject({ from: { id: ids.sis, slug: "sis" }, to: { id: ids.mi5, slug: "mi5" } });
    const suspended = dataOf(await liaison.query(
      `mutation($input: SuspendRelationshipInput!) { suspendRelationship(input: $input) { id status } }`,
      { input: { id: upper(created.id), version: 1 } },
      { token: editor },
    )).suspendRelationship;
    expect(suspended).toEqual({ id: created.id, status: "SUSPENDED" });

    const article = dataOf(await liaison.query(
      `mutation($input: PublishArticleInput!) { publishArticle(input: $input) { id mentions { id } } }`,
      { input: { slug: "upper-case-ids", title: "Ids", summary: "Ids in upper case.", tags: [], mentions: [upper(ids.mi5), ids.mi5], idempotencyKey: "upper" } },
      { token: editor },
    )).publishArticle;
    expect(article.mentions).toEqual([{ id: ids.mi5 }]);
    const updated = dataOf(await liaison.query(
      `mutation($input: UpdateArticleInput!) { updateArticle(input: $input) { id version mentions { id } } }`,
      { input: { id: upper(article.id), version: 1, mentions: [upper(ids.gchq)] } },
      { token: editor },
    )).updateArticle;
    expect(updated).toEqual({ id: article.id, version: 2, mentions: [{ id: ids.gchq }] });

    const agency = dataOf(await liaison.query(
      `mutation($input: UpdateAgencyInput!) { updateAgency(input: $input) { id version } }`,
      { input: { id: upper(ids.gchq), version: 1, description: "Changed through an upper-case id." } },
      { token: editor },
    )).updateAgency;
    expect(agency).toEqual({ id: ids.gchq, version: 2 });
  });

  it("resolves every entity reference, as the gateway's _entities fetch asks for it", async () => {
    const fetches: [subgraph: string, selection: string, representation: Record<string, string>][] = [
      ["agencies", `... on Agency { id slug }`, { __typename: "Agency", id: ids.mi5 }],
      ["relationships", `... on Relationship { id kind }`, { __typename: "Relationship", id: ids.link }],
      ["relationships", `... on Agency { id partners { id } }`, { __typename: "Agency", id: ids.mi5 }],
      ["news", `... on NewsArticle { id slug }`, { __typename: "NewsArticle", id: ids.article }],
      ["news", `... on Agency { id news { id } }`, { __typename: "Agency", id: ids.mi5 }],
    ];
    for (const [subgraph, selection, representation] of fetches) {
      const query = `query($representations: [_Any!]!) { _entities(representations: $representations) { ${selection} } }`;
      const token = await liaison.gatewayTokenFor(subgraph);
      const lower = dataOf(await liaison.querySubgraph(subgraph, query, { representations: [representation] }, { token }));
      const shouted = { ...representation, id: upper(representation.id!) };
      const answer = dataOf(await liaison.querySubgraph(subgraph, query, { representations: [shouted] }, { token }));
      expect(answer, `${subgraph} ${selection}`).toEqual(lower);
      expect(lower._entities[0], `${subgraph} ${selection}`).toMatchObject({ id: representation.id });
      const list = Object.values(lower._entities[0]).find(Array.isArray);
      if (list) expect(list.length, `${subgraph} ${selection}`).toBeGreaterThan(0);
    }
  });
});

describe("a malformed id", () => {
  const MALFORMED = "not-an-id";

  it("is BAD_USER_INPUT naming the query argument", async () => {
    const reads: [string, string][] = [
      [`{ agency(id: "${MALFORMED}") { id } }`, "id"],
      [`{ relationship(id: "${MALFORMED}") { id } }`, "id"],
      [`{ relationships(from: "${MALFORMED}") { totalCount } }`, "from"],
      [`{ relationships(to: "${MALFORMED}") { totalCount } }`, "to"],
      [`{ relationships(agency: "${MALFORMED}") { totalCount } }`, "agency"],
      [`query($b: ID!) { shortestPath(from: "${MALFORMED}", to: $b) { id } }`, "from"],
      [`query($a: ID!) { shortestPath(from: $a, to: "${MALFORMED}") { id } }`, "to"],
      [`{ news(agency: "${MALFORMED}") { totalCount } }`, "agency"],
    ];
    for (const [query, argument] of reads) {
      const response = await liaison.query(query, { a: ids.mi5, b: ids.mi5 });
      expect(errorOf(response), query).toMatchObject({ code: "BAD_USER_INPUT", argument });
    }
    const audit = await liaison.query(`{ auditTrail(entityId: "${MALFORMED}") { totalCount } }`, {}, { token: admin });
    expect(errorOf(audit)).toMatchObject({ code: "BAD_USER_INPUT", argument: "entityId" });
  });

  it("is BAD_USER_INPUT naming the input field, and changes nothing", async () => {
    const writes: [string, string, Record<string, unknown>, string][] = [
      ["updateAgency", "UpdateAgencyInput", { id: MALFORMED, version: 1, name: "x" }, "input.id"],
      ["archiveAgency", "ArchiveAgencyInput", { id: MALFORMED, version: 1 }, "input.id"],
      ["createRelationship", "CreateRelationshipInput", { from: MALFORMED, to: ids.mi5, kind: "WORKS_WITH", description: "x" }, "input.from"],
      ["createRelationship", "CreateRelationshipInput", { from: ids.mi5, to: MALFORMED, kind: "WORKS_WITH", description: "x" }, "input.to"],
      ["updateRelationship", "UpdateRelationshipInput", { id: MALFORMED, version: 1, description: "x" }, "input.id"],
      ["suspendRelationship", "SuspendRelationshipInput", { id: MALFORMED, version: 1 }, "input.id"],
      ["resumeRelationship", "ResumeRelationshipInput", { id: MALFORMED, version: 1 }, "input.id"],
      ["deleteRelationship", "DeleteRelationshipInput", { id: MALFORMED, version: 1 }, "input.id"],
      ["publishArticle", "PublishArticleInput", { slug: "bad-id", title: "x", summary: "x", tags: [], mentions: [ids.mi5, MALFORMED], idempotencyKey: "bad-id" }, "input.mentions"],
      ["updateArticle", "UpdateArticleInput", { id: MALFORMED, version: 1, title: "x" }, "input.id"],
      ["updateArticle", "UpdateArticleInput", { id: ids.article, version: 1, mentions: [MALFORMED] }, "input.mentions"],
      ["withdrawArticle", "WithdrawArticleInput", { id: MALFORMED, version: 1, reason: "x" }, "input.id"],
    ];
    for (const [mutation, type, input, argument] of writes) {
      const response = await liaison.query(`mutation($input: ${type}!) { ${mutation}(input: $input) { id } }`, { input }, { token: editor });
      expect(errorOf(response), `${mutation} ${argument}`).toMatchObject({ code: "BAD_USER_INPUT", argument });
    }
    const article = dataOf(await liaison.query(`query($a: ID) { news(agency: $a, first: 100) { edges { node { id version } } } }`, { a: ids.mi5 }));
    expect(article.news.edges.find(({ node }: any) => node.id === ids.article).node.version).toBe(1);
  });

  it("in an entity reference is BAD_USER_INPUT for that entity alone", async () => {
    const known = { Agency: ids.mi5, Relationship: ids.link, NewsArticle: ids.article };
    const fetches = [["agencies", "Agency"], ["relationships", "Relationship"], ["relationships", "Agency"], ["news", "NewsArticle"], ["news", "Agency"]] as const;
    for (const [subgraph, typename] of fetches) {
      const response = await liaison.querySubgraph(
        subgraph,
        `query($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }`,
        { representations: [{ __typename: typename, id: MALFORMED }, { __typename: typename, id: known[typename] }] },
        { token: await liaison.gatewayTokenFor(subgraph) },
      );
      const errors = response.body.errors?.map(({ path, extensions }) => ({ path, code: extensions?.code, argument: extensions?.argument }));
      expect(errors, `${subgraph} ${typename}`).toEqual([{ path: ["_entities", 0], code: "BAD_USER_INPUT", argument: "representations" }]);
      expect(response.body.data._entities[1], `${subgraph} ${typename}`).toEqual({ __typename: typename });
      expect(response.body.data._entities[0], `${subgraph} ${typename}`).toBeNull();
    }
  });
});
