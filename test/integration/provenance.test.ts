import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citationProblem, type Citation } from "../../source/citations.ts";
import { auditOf } from "../support/audit-trail.ts";
import { dataOf, errorOf } from "../support/responses.ts";
import { startTestSupergraph, type TestSupergraph } from "../support/test-supergraph.ts";

// A write may say where its facts come from. The entity answers that source
// afterwards, the audit entry of the write records it, a change to a fact
// without one leaves the entity unsourced, and a source that is malformed,
// or that quotes a page Liaison keeps wrongly, is refused before anything
// is written.

let liaison: TestSupergraph;
let editor: string;
let admin: string;

beforeAll(async () => {
  liaison = await startTestSupergraph();
  [editor, admin] = await Promise.all([liaison.tokenFor("editor", "pat-provenance"), liaison.tokenFor("admin", "ada-provenance")]);
});
afterAll(() => liaison?.stop());

const PAGE = "working-with-partners";
const SOURCE = "source { document section quote } sourced";

const AGENCY = `id version name jurisdiction description ${SOURCE}`;
const LINK = `id version status suspensionReason ${SOURCE}`;
const ARTICLE = `id version title tags ${SOURCE}`;

async function mutate(field: string, inputType: string, input: Record<string, unknown>, fields: string, token = editor) {
  return liaison.query(`mutation($input: ${inputType}!) { ${field}(input: $input) { ${fields} } }`, { input }, { token });
}

let sequence = 0;
function newAgency(overrides: Record<string, unknown> = {}) {
  sequence += 1;
  return { slug: `provenance-${sequence}`, name: `Provenance Test ${sequence}`, kind: "OTHER", ...overrides };
}

async function createAgency(input: Record<string, unknown>) {
  return dataOf(await mutate("createAgency", "CreateAgencyInput", input, AGENCY), "createAgency");
}

async function readAgency(id: string) {
  return dataOf(await liaison.query(`query($id: ID) { agency(id: $id) { ${AGENCY} } }`, { id }), "agency");
}

async function idOf(slug: string): Promise<string> {
  return dataOf(await liaison.query(`query($slug: String) { agency(slug: $slug) { id } }`, { slug }), "agency").id;
}

describe("a write with a source", () => {
  it("stores it with the agency, answers it on read, and records it in the audit trail", async () => {
    const source = { document: PAGE, section: "Law enforcement agencies and the armed services", quote: "  Border Force " };
    const created = await createAgency(newAgency({ name: "Border Force", source }));
    const expected = { document: PAGE, section: "Law enforcement agencies and the armed services", quote: "Border Force" };
    expect(created).toMatchObject({ source: expected, sourced: true, jurisdiction: null, description: null });
    expect(await readAgency(created.id)).toMatchObject({ source: expected, sourced: true });

    const [entry] = (await auditOf(liaison, { entityId: created.id })).entries;
    expect(entry).toMatchObject({ action: "agency.create", source: expected });
    expect(entry!.after).toMatchObject({ sourceQuote: "Border Force", sourced: true });
  });

  it("takes a document Liaison does not keep as given", async () => {
    const source = { document: "https://example.org/annual-report", quote: "a partner named in the report" };
    const created = await createAgency(newAgency({ source }));
    expect(created).toMatchObject({ source: { ...source, section: null }, sourced: true });
  });

  it("replaces the source on an update that gives one, and keeps it when the change states no fact", async () => {
    const section = "Law enforcement agencies and the armed services";
    const created = await createAgency(newAgency({ name: "Police Scotland", source: { document: PAGE, section, quote: "Police Scotland" } }));
    // A quote's parts must be in the page's order: "Great Britain" comes before "Police Scotland".
    const source = { document: PAGE, section, quote: "Police Scotland … Great Britain" };
    const refused = errorOf(await mutate("updateAgency", "UpdateAgencyInput", { id: created.id, version: 1, jurisdiction: "SCOTLAND", source }, AGENCY));
    expect(refused).toMatchObject({ code: "BAD_USER_INPUT", argument: "input.source.quote" });

    const cited = { document: PAGE, section, quote: "in Great Britain … Police Scotland" };
    const updated = dataOf(
      await mutate("updateAgency", "UpdateAgencyInput", { id: created.id, version: 1, jurisdiction: "SCOTLAND", source: cited }, AGENCY),
      "updateAgency",
    );
    expect(updated).toMatchObject({ version: 2, jurisdiction: "SCOTLAND", source: cited, sourced: true });

    const archived = dataOf(
      await mutate("archiveAgency", "ArchiveAgencyInput", { id: created.id, version: 2 }, `version archivedAt ${SOURCE}`),
      "archiveAgency",
    );
    expect(archived).toMatchObject({ version: 3, source: cited, sourced: true });
    const actions = (await auditOf(liaison, { entityId: created.id })).entries.map(({ action, source }) => ({ action, source }));
    expect(actions).toEqual([
      { action: "agency.create", source: { document: PAGE, section, quote: "Police Scotland" } },
      { action: "agency.update", source: cited },
      { action: "agency.archive", source: null },
    ]);
  });

  it("sources a relationship, its suspension and its resumption", async () => {
    const [from, to] = await Promise.all([idOf("mi5"), idOf("armed-services")]);
    const section = "Law enforcement agencies and the armed services";
    const created = dataOf(
      await mutate(
        "createRelationship",
        "CreateRelationshipInput",
        { from, to, kind: "WORKS_WITH", description: "A test's link.", source: { document: PAGE, section, quote: "the armed services" } },
        LINK,
      ),
      "createRelationship",
    );
    expect(created).toMatchObject({ sourced: true, source: { document: PAGE, section, quote: "the armed services" } });

    const reason = { document: PAGE, section, quote: "currently suspended due to other operational priorities" };
    const suspended = dataOf(
      await mutate("suspendRelationship", "SuspendRelationshipInput", { id: created.id, version: 1, reason: "Other operational priorities", source: reason }, LINK),
      "suspendRelationship",
    );
    expect(suspended).toMatchObject({ status: "SUSPENDED", sourced: true, source: reason });

    const resumed = dataOf(await mutate("resumeRelationship", "ResumeRelationshipInput", { id: created.id, version: 2 }, LINK), "resumeRelationship");
    expect(resumed).toMatchObject({ status: "ACTIVE", sourced: false, source: null });

    const sources = (await auditOf(liaison, { entityId: created.id })).entries.map((entry) => entry.source?.quote ?? null);
    expect(sources).toEqual(["the armed services", reason.quote, null]);
  });

  it("sources an article, and a threat level", async () => {
    const section = "Latest News";
    const article = dataOf(
      await mutate(
        "publishArticle",
        "PublishArticleInput",
        {
          slug: "provenance-article",
          title: "MI5 supports National Inclusion Week",
          summary: "A test's summary.",
          tags: ["inclusion"],
          mentions: [await idOf("mi5")],
          idempotencyKey: "provenance-article",
          source: { document: PAGE, section, quote: "MI5 supports National Inclusion Week" },
        },
        ARTICLE,
      ),
      "publishArticle",
    );
    expect(article).toMatchObject({ sourced: true, source: { section, quote: "MI5 supports National Inclusion Week" } });

    const current = dataOf(await liaison.query(`{ threatLevel { version } }`), "threatLevel");
    const banner = { document: PAGE, section: null, quote: "Current national threat level: SEVERE" };
    const assessment = dataOf(
      await mutate(
        "setThreatLevel",
        "SetThreatLevelInput",
        { scope: "NATIONAL", level: "SEVERE", reason: "Read from the banner again.", expectedVersion: current.version, idempotencyKey: "provenance-level", source: banner },
        `id version ${SOURCE}`,
        admin,
      ),
      "setThreatLevel",
    );
    expect(assessment).toMatchObject({ version: current.version + 1, sourced: true, source: banner });
    const [entry] = (await auditOf(liaison, { entityId: assessment.id })).entries;
    expect(entry).toMatchObject({ action: "threat-level.set", source: banner });
  });

  it("is part of the request an idempotency key binds", async () => {
    const input = newAgency({ idempotencyKey: "provenance-retry", source: { document: PAGE, section: "Government departments", quote: "the Cabinet Office" } });
    const first = await createAgency(input);
    expect(await createAgency(input)).toEqual(first);
    const other = { ...input, source: { document: PAGE, section: "Government departments", quote: "the Home Office" } };
    expect(errorOf(await mutate("createAgency", "CreateAgencyInput", other, AGENCY))).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED" });
  });
});

describe("a write without a source", () => {
  it("leaves a new entity unsourced, and records no source", async () => {
    const created = await createAgency(newAgency({ jurisdiction: "OVERSEAS", description: "Made without a source." }));
    expect(created).toMatchObject({ source: null, sourced: false, jurisdiction: "OVERSEAS", description: "Made without a source." });
    const [entry] = (await auditOf(liaison, { entityId: created.id })).entries;
    expect(entry).toMatchObject({ action: "agency.create", source: null });
  });

  it("makes a seeded agency unsourced when it changes a fact, keeping the old source in the audit trail", async () => {
    const before = await readAgency(await idOf("police-scotland"));
    expect(before).toMatchObject({ sourced: true, source: { quote: "Police Scotland" } });
    const updated = dataOf(
      await mutate("updateAgency", "UpdateAgencyInput", { id: before.id, version: before.version, description: "An editor's words." }, AGENCY),
      "updateAgency",
    );
    expect(updated).toMatchObject({ description: "An editor's words.", source: null, sourced: false });
    const [entry] = (await auditOf(liaison, { entityId: before.id })).entries;
    expect(entry).toMatchObject({ action: "agency.update", source: null });
    expect(entry!.before).toMatchObject({ sourceQuote: "Police Scotland", sourced: true });
    expect(entry!.after).toMatchObject({ sourceQuote: null, sourced: false });
  });

  it("keeps a seeded article's source when it is withdrawn, and drops it when its tags change", async () => {
    const read = async (slug: string) =>
      dataOf(await liaison.query(`query($slug: String!) { article(slug: $slug) { ${ARTICLE} } }`, { slug }), "article");
    const files = await read("september-2019-release-of-historical-mi5-files");
    const retagged = dataOf(
      await mutate("updateArticle", "UpdateArticleInput", { id: files.id, version: files.version, tags: ["archives"] }, ARTICLE),
      "updateArticle",
    );
    expect(retagged).toMatchObject({ tags: ["archives"], source: null, sourced: false });

    const inclusion = await read("mi5-supports-national-inclusion-week");
    const withdrawn = dataOf(
      await mutate("withdrawArticle", "WithdrawArticleInput", { id: inclusion.id, version: inclusion.version, reason: "A test withdraws it." }, ARTICLE),
      "withdrawArticle",
    );
    expect(withdrawn).toMatchObject({ sourced: true, source: inclusion.source });
  });
});

describe("a source that does not hold", () => {
  const section = "Government departments";
  const refusals: [string, Record<string, unknown>, string][] = [
    ["an empty document", { document: "  ", section, quote: "the Home Office" }, "input.source.document"],
    ["an empty quote", { document: PAGE, section, quote: " " }, "input.source.quote"],
    ["an empty section", { document: PAGE, section: "", quote: "the Home Office" }, "input.source.section"],
    ["a document name past 200 characters", { document: "d".repeat(201), quote: "words" }, "input.source.document"],
    ["a section past 200 characters", { document: "elsewhere", section: "s".repeat(201), quote: "words" }, "input.source.section"],
    ["a quote past 300 characters", { document: "elsewhere", quote: "word ".repeat(61) }, "input.source.quote"],
    ["a heading the page does not have", { document: PAGE, section: "A police car", quote: "police" }, "input.source.section"],
    ["words the page does not have", { document: PAGE, section, quote: "MI5 works with the Treasury" }, "input.source.quote"],
    ["words from under another heading", { document: PAGE, section, quote: "Police Scotland" }, "input.source.quote"],
  ];

  it.each(refusals)("refuses %s with BAD_USER_INPUT naming the field, and writes nothing", async (_label, source, argument) => {
    const input = newAgency({ source });
    const error = errorOf(await mutate("createAgency", "CreateAgencyInput", input, AGENCY));
    expect(error).toMatchObject({ code: "BAD_USER_INPUT", argument });
    const found = await liaison.query(`query($slug: String) { agency(slug: $slug) { id } }`, { slug: input.slug });
    expect(found.body.data.agency).toBeNull();
  });

  it("refuses it on every kind of write, changing nothing", async () => {
    const wrong = { document: PAGE, section: "Fact or Fiction?", quote: "MI5 has no training facility" };
    const link = dataOf(
      await liaison.query(`{ agency(slug: "psni") { relationships(direction: INCOMING) { id version } } }`),
      "agency",
    ).relationships[0];
    const article = dataOf(await liaison.query(`{ news(first: 1) { edges { node { id version } } } }`), "news").edges[0].node;
    const writes = [
      mutate("updateRelationship", "UpdateRelationshipInput", { id: link.id, version: link.version, description: "Refused.", source: wrong }, LINK),
      mutate("updateArticle", "UpdateArticleInput", { id: article.id, version: article.version, title: "Refused.", source: wrong }, ARTICLE),
      mutate(
        "setThreatLevel",
        "SetThreatLevelInput",
        { scope: "NATIONAL", level: "LOW", reason: "Refused.", idempotencyKey: "provenance-refused", source: wrong },
        "id",
        admin,
      ),
    ];
    for (const response of await Promise.all(writes)) {
      expect(errorOf(response)).toMatchObject({ code: "BAD_USER_INPUT", argument: "input.source.quote" });
    }
    const unchanged = dataOf(await liaison.query(`query($id: ID!) { relationship(id: $id) { version } }`, { id: link.id }), "relationship");
    expect(unchanged.version).toBe(link.version);
    expect(dataOf(await liaison.query(`{ threatLevel { level } }`), "threatLevel").level).toBe("SEVERE");
  });
});

describe("every source the API answers", () => {
  const CITED = "source { document section quote }";

  /** Every page of a connection, following `endCursor`. */
  async function everyNode(field: string, selection: string, token?: string): Promise<any[]> {
    const nodes: any[] = [];
    let after: string | null = null;
    do {
      const response = await liaison.query(
        `query($after: String) { ${field}(first: 100, after: $after) { edges { node { ${selection} } } pageInfo { hasNextPage endCursor } } }`,
        { after },
        { token },
      );
      const page: any = dataOf(response, field);
      nodes.push(...page.edges.map((edge: any) => edge.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    return nodes;
  }

  it("that cites the page quotes it under the heading it names, seeded or written", async () => {
    const agencies = await everyNode("agencies", `slug ${CITED} aliases { name ${CITED} }`);
    const links = await everyNode("relationships", `id ${CITED}`);
    const articles = await everyNode("news", `slug ${CITED}`);
    const audit = await everyNode("auditTrail", `id ${CITED}`, admin);
    const rest = dataOf(
      await liaison.query(`{ factOrFiction { slug ${CITED} } threatLevel { id ${CITED} } emergencyContacts { phoneNumber ${CITED} } }`),
    );
    const answered = [
      ...agencies.flatMap((agency) => [agency, ...agency.aliases]),
      ...links,
      ...articles,
      ...audit,
      ...rest.factOrFiction,
      rest.threatLevel,
      ...rest.emergencyContacts,
    ];
    const sources: Citation[] = answered.map((entity) => entity.source).filter((source) => source?.document === PAGE);
    // The seed cites the page for 20 agencies and 55 links, whatever the other tests here change.
    expect(sources.length).toBeGreaterThan(70);
    for (const source of sources) expect(citationProblem(source), JSON.stringify(source)).toBeNull();
  });
});
