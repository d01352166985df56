import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataOf, errorOf } from "../support/responses.ts";
import { startTestSupergraph, type GraphQLResponse, type TestSupergraph } from "../support/test-supergraph.ts";

// The one write path every subgraph shares (platform/writes): a versioned
// change is one conditional statement, read again only when it changes
// nothing, and a broken constraint is answered by its name.

let liaison: TestSupergraph;
let editor: string;
let agencyIds: Record<string, string>;

beforeAll(async () => {
  liaison = await startTestSupergraph();
  editor = await liaison.tokenFor("editor", "eve-editor");
  const response = await liaison.query(`{ agencies(first: 100) { edges { node { id slug } } } }`);
  agencyIds = Object.fromEntries(response.body.data.agencies.edges.map(({ node }: any) => [node.slug, node.id]));
});
afterAll(() => liaison?.stop());

// Only the entity's own fields, so that answering asks no other subgraph.
const MUTATIONS = {
  createAgency: `mutation($input: CreateAgencyInput!) { createAgency(input: $input) { id version } }`,
  updateAgency: `mutation($input: UpdateAgencyInput!) { updateAgency(input: $input) { id version } }`,
  archiveAgency: `mutation($input: ArchiveAgencyInput!) { archiveAgency(input: $input) { id version } }`,
  createRelationship: `mutation($input: CreateRelationshipInput!) { createRelationship(input: $input) { id version } }`,
  updateRelationship: `mutation($input: UpdateRelationshipInput!) { updateRelationship(input: $input) { id version } }`,
  suspendRelationship: `mutation($input: SuspendRelationshipInput!) { suspendRelationship(input: $input) { id version } }`,
  resumeRelationship: `mutation($input: ResumeRelationshipInput!) { resumeRelationship(input: $input) { id version } }`,
  deleteRelationship: `mutation($input: DeleteRelationshipInput!) { deleteRelationship(input: $input) { id version } }`,
  publishArticle: `mutation($input: PublishArticleInput!) { publishArticle(input: $input) { id version } }`,
  updateArticle: `mutation($input: UpdateArticleInput!) { updateArticle(input: $input) { id version } }`,
  withdrawArticle: `mutation($input: WithdrawArticleInput!) { withdrawArticle(input: $input) { id version } }`,
};
type Mutation = keyof typeof MUTATIONS;

const TABLES = {
  agency: `"agencies"."agency"`,
  relationship: `"relationships"."relationship"`,
  article: `"news"."article"`,
};
type Table = keyof typeof TABLES;

function mutate(mutation: Mutation, input: Record<string, unknown>) {
  return liaison.query(MUTATIONS[mutation], { input }, { token: editor });
}

function answer(response: GraphQLResponse, mutation: Mutation) {
  return dataOf<{ id: string; version: number }>(response, mutation);
}

/** Runs a mutation, counting the SQL statements it sent that name `table`. */
async function counted(table: Table, mutation: Mutation, input: Record<string, unknown>) {
  liaison.statements.length = 0;
  const response = await mutate(mutation, input);
  const statements = liaison.statements.filter((sql) => sql.includes(TABLES[table])).length;
  return { response, statements };
}

let sequence = 0;

async function newAgency() {
  sequence += 1;
  const input = { slug: `write-path-${sequence}`, name: `Write Path ${sequence}`, kind: "OTHER", jurisdiction: "UNITED_KINGDOM", description: "Made by a test." };
  return answer(await mutate("createAgency", input), "createAgency");
}

async function newLink(status = "ACTIVE") {
  const [from, to] = [await newAgency(), await newAgency()];
  const input = { from: from.id, to: to.id, kind: "WORKS_WITH", status, description: "Two test agencies work together." };
  return answer(await mutate("createRelationship", input), "createRelationship");
}

async function newArticle() {
  sequence += 1;
  const input = {
    slug: `write-path-article-${sequence}`, title: "A test article", summary: "Written by a test.",
    tags: [], mentions: [agencyIds.mi5], idempotencyKey: `write-path-${sequence}`,
  };
  return { ...answer(await mutate("publishArticle", input), "publishArticle"), slug: input.slug };
}

async function endsOf(linkId: string): Promise<{ from: string; to: string }> {
  const response = await liaison.query(`query($id: ID!) { relationship(id: $id) { from { id } to { id } } }`, { id: linkId });
  const { from, to } = response.body.data.relationship;
  return { from: from.id, to: to.id };
}

describe("a versioned change", () => {
  const cases: { mutation: Mutation; table: Table; target: () => Promise<{ id: string }>; input?: () => Record<string, unknown> }[] = [
    { mutation: "updateAgency", table: "agency", target: newAgency, input: () => ({ name: "Renamed" }) },
    { mutation: "archiveAgency", table: "agency", target: newAgency },
    { mutation: "updateRelationship", table: "relationship", target: () => newLink(), input: () => ({ description: "Changed." }) },
    { mutation: "suspendRelationship", table: "relationship", target: () => newLink(), input: () => ({ reason: "Paused." }) },
    { mutation: "resumeRelationship", table: "relationship", target: () => newLink("SUSPENDED") },
    { mutation: "deleteRelationship", table: "relationship", target: () => newLink() },
    { mutation: "updateArticle", table: "article", target: newArticle, input: () => ({ title: "Retitled", mentions: [agencyIds.gchq] }) },
    { mutation: "withdrawArticle", table: "article", target: newArticle, input: () => ({ reason: "Withdrawn by a test." }) },
  ];

  for (const { mutation, table, target, input: inputOf = () => ({}) } of cases) {
    it(`${mutation} is one statement when it applies, and one read more when the version is stale`, async () => {
      const [{ id }, input] = [await target(), inputOf()];
      const stale = await counted(table, mutation, { id, version: 0, ...input });
      expect(errorOf(stale.response)).toMatchObject({ code: "CONFLICT", argument: "input.version", currentVersion: 1 });
      expect(stale.statements).toBe(2);

      const applied = await counted(table, mutation, { id, version: 1, ...input });
      expect(answer(applied.response, mutation).id).toBe(id);
      expect(applied.statements).toBe(1);
    });
  }

  it("checks a status in the statement that writes: one read more tells why it refused", async () => {
    const refusals: [Mutation, Table, () => Promise<{ id: string }>, Record<string, unknown>][] = [
      ["archiveAgency", "agency", newAgency, {}],
      ["suspendRelationship", "relationship", () => newLink(), {}],
      ["resumeRelationship", "relationship", () => newLink("SUSPENDED"), {}],
      ["withdrawArticle", "article", newArticle, { reason: "Twice." }],
    ];
    for (const [mutation, table, target, input] of refusals) {
      const { id } = await target();
      answer(await mutate(mutation, { id, version: 1, ...input }), mutation);
      const refused = await counted(table, mutation, { id, version: 2, ...input });
      expect(errorOf(refused.response), mutation).toMatchObject({ code: "BAD_USER_INPUT", argument: "input.id" });
      expect(refused.statements, mutation).toBe(2);
    }
  });

  it("answers NOT_FOUND for a row that is not there, after one read", async () => {
    const link = await newLink();
    answer(await mutate("deleteRelationship", { id: link.id, version: 1 }), "deleteRelationship");
    for (const mutation of ["updateRelationship", "suspendRelationship", "deleteRelationship"] as const) {
      const gone = await counted("relationship", mutation, { id: link.id, version: 1 });
      expect(errorOf(gone.response), mutation).toMatchObject({ code: "NOT_FOUND", argument: "input.id" });
      expect(gone.statements, mutation).toBe(2);
    }
  });
});

describe("a broken constraint", () => {
  it("is answered with the error its name maps to, and changes nothing", async () => {
    const [link, other, article] = [await newLink(), await newLink(), await newArticle()];
    const [linkEnds, otherEnds] = [await endsOf(link.id), await endsOf(other.id)];
    answer(
      await mutate("createRelationship", { ...linkEnds, kind: "JOINT_INVESTIGATIONS", description: "A second kind." }),
      "createRelationship",
    );
    const nobody = "00000000-0000-7000-8000-000000000000";
    const agency = { name: "Copy", kind: "OTHER", jurisdiction: "UNITED_KINGDOM", description: "Copy." };
    const takenArticleSlug = "mi5-supports-national-inclusion-week";
    const cases: [constraint: string, Mutation, Record<string, unknown>, { code: string; argument: string }][] = [
      ["agency_slug_key", "createAgency", { ...agency, slug: "mi5" }, { code: "BAD_USER_INPUT", argument: "input.slug" }],
      ["agency_slug_key", "updateAgency", { id: agencyIds.sis, version: 1, slug: "gchq" }, { code: "BAD_USER_INPUT", argument: "input.slug" }],
      [
        "article_slug_key", "publishArticle",
        { slug: takenArticleSlug, title: "Copy", summary: "Copy.", tags: [], mentions: [], idempotencyKey: "copy" },
        { code: "BAD_USER_INPUT", argument: "input.slug" },
      ],
      ["article_slug_key", "updateArticle", { id: article.id, version: 1, slug: takenArticleSlug }, { code: "BAD_USER_INPUT", argument: "input.slug" }],
      ["article_mention_agency_id_fkey", "updateArticle", { id: article.id, version: 1, mentions: [nobody] }, { code: "BAD_USER_INPUT", argument: "input.mentions" }],
      [
        "relationship_from_agency_id_fkey", "createRelationship",
        { from: nobody, to: agencyIds.mi5, kind: "WORKS_WITH", description: "Nobody." },
        { code: "BAD_USER_INPUT", argument: "input.from" },
      ],
      [
        "relationship_to_agency_id_fkey", "createRelationship",
        { from: agencyIds.mi5, to: nobody, kind: "WORKS_WITH", description: "Nobody." },
        { code: "BAD_USER_INPUT", argument: "input.to" },
      ],
      [
        "relationship_from_agency_id_to_agency_id_kind_key", "createRelationship",
        { ...otherEnds, kind: "WORKS_WITH", description: "Again." },
        { code: "CONFLICT", argument: "input.kind" },
      ],
      [
        "relationship_from_agency_id_to_agency_id_kind_key", "updateRelationship",
        { id: link.id, version: 1, kind: "JOINT_INVESTIGATIONS" },
        { code: "CONFLICT", argument: "input.kind" },
      ],
    ];
    for (const [constraint, mutation, input, expected] of cases) {
      const response = await mutate(mutation, input);
      expect(errorOf(response), constraint).toMatchObject(expected);
      expect(response.body.errors![0]!.message, constraint).not.toMatch(/constraint|violat|prisma|unique/i);
    }

    const linkNow = await liaison.query(`query($id: ID!) { relationship(id: $id) { kind version } }`, { id: link.id });
    expect(linkNow.body.data.relationship).toEqual({ kind: "WORKS_WITH", version: 1 });
    const articleNow = await liaison.query(`query($slug: String!) { article(slug: $slug) { version mentions { id } } }`, { slug: article.slug });
    expect(articleNow.body.data.article).toEqual({ version: 1, mentions: [{ id: agencyIds.mi5 }] });
    const sisNow = await liaison.query(`query($id: ID) { agency(id: $id) { slug version } }`, { id: agencyIds.sis });
    expect(sisNow.body.data.agency).toEqual({ slug: "sis", version: 1 });
  });
});
