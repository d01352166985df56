import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import { seedDatabase } from "../../supergraph/seed.ts";
import { relationships as seededRelationships } from "../../subgraphs/relationships/seed-data.ts";
import { MAX_NEIGHBOURHOOD_DEPTH } from "../../subgraphs/relationships/graph-store.ts";
import { startTestSupergraph, type GraphQLResponse, type TestSupergraph } from "../support/test-supergraph.ts";

let liaison: TestSupergraph;
/** Straight to the database: what the seed leaves. */
let prisma: PrismaClient;
/** Agency ids by slug. */
const id: Record<string, string> = {};

const NO_AGENCY = "00000000-0000-7000-8000-000000000000";

// The partners the page names in its paragraphs on the police and on law
// enforcement agencies, in its order.
const POLICE = ["counter-terrorism-policing", "met", "psni", "police-scotland", "special-branches"];
const POLICE_AND_LAW_ENFORCEMENT = [...POLICE, "nca", "border-force"];

beforeAll(async () => {
  liaison = await startTestSupergraph();
  prisma = liaison.prisma;
  const response = await liaison.query(`{ agencies(first: 100) { edges { node { id slug } } } }`);
  for (const { node } of response.body.data.agencies.edges) id[node.slug] = node.id;
});
afterAll(() => liaison?.stop());

describe("the issue's example", () => {
  it("answers MI5's partners and its suspended links as the page states them", async () => {
    const response = await liaison.query(
      `{ agency(slug: "mi5") { partners { slug } relationships(status: SUSPENDED) { kind to { slug } suspensionReason } } }`,
    );
    expect(response.body.errors).toBeUndefined();
    const { partners, relationships } = response.body.data.agency;
    expect(partners.map((partner: any) => partner.slug)).toEqual([
      "home-office", "fco", "cabinet-office", "nio", "bis", "mod", "central-government",
      "sis", "gchq",
      ...POLICE_AND_LAW_ENFORCEMENT,
      "armed-services",
      "foreign-intelligence-services",
    ]);
    expect(partners).toHaveLength(18);
    // Only the support on serious crime is suspended, to the police and other law enforcement agencies, for the page's reason.
    expect(relationships).toEqual(
      POLICE_AND_LAW_ENFORCEMENT.map((slug) => ({
        kind: "SERIOUS_CRIME_SUPPORT",
        to: { slug },
        suspensionReason: "Other operational priorities",
      })),
    );
  });
});

describe("the page's links", () => {
  let links: any[];

  beforeAll(async () => {
    const response = await liaison.query(`{
      relationships(first: 100) {
        totalCount
        edges {
          node {
            id from { slug } to { slug } kind closeness qualifiers mutual status suspensionReason since description
            sourced source { document section quote }
          }
        }
      }
    }`);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.relationships.totalCount).toBe(seededRelationships.length);
    links = response.body.data.relationships.edges.map((edge: any) => ({
      ...edge.node,
      from: edge.node.from.slug,
      to: edge.node.to.slug,
    }));
  });

  function find(from: string, to: string, kind: string) {
    const matching = links.filter((link) => link.from === from && link.to === to && link.kind === kind);
    expect(matching, `${from} ${kind} ${to}`).toHaveLength(1);
    return matching[0];
  }

  function kindsTo(to: string) {
    return links.filter((link) => link.from === "mi5" && link.to === to).map((link) => link.kind);
  }

  it("grades MI5's work with government departments", () => {
    expect(find("mi5", "home-office", "WORKS_CLOSELY")).toMatchObject({ closeness: "PARTICULARLY_CLOSE", status: "ACTIVE" });
    for (const department of ["fco", "cabinet-office", "nio", "bis", "mod"]) {
      expect(find("mi5", department, "STRONG_LINKS")).toMatchObject({ closeness: "STRONG_LINKS", status: "ACTIVE" });
    }
    expect(find("mi5", "central-government", "PROTECTIVE_SECURITY_ADVICE")).toMatchObject({ mutual: false });
  });

  it("records the three ways MI5 works with SIS and GCHQ, and their assisting each other", () => {
    for (const agency of ["sis", "gchq"]) {
      expect(find("mi5", agency, "WORKS_CLOSELY")).toMatchObject({ closeness: "VERY_CLOSE", mutual: true });
      expect(find("mi5", agency, "MUTUAL_ASSISTANCE")).toMatchObject({ mutual: true });
      expect(find("mi5", agency, "INTELLIGENCE_CUSTOMER")).toMatchObject({ mutual: false });
    }
    expect(find("sis", "gchq", "MUTUAL_ASSISTANCE")).toMatchObject({ mutual: true });
  });

  it("records what MI5 and the police and law enforcement agencies do together", () => {
    for (const police of POLICE) {
      expect(find("mi5", police, "WORKS_CLOSELY").closeness).toBe("CLOSE_PARTNERSHIP");
    }
    for (const agency of ["nca", "border-force"]) {
      expect(find("mi5", agency, "WORKS_WITH").closeness).toBeNull();
    }
    for (const partner of POLICE_AND_LAW_ENFORCEMENT) {
      expect(find("mi5", partner, "RECEIVES_HELP").status).toBe("ACTIVE");
      expect(find("mi5", partner, "INTELLIGENCE_ASSESSMENTS").status).toBe("ACTIVE");
      expect(find("mi5", partner, "JOINT_INVESTIGATIONS")).toMatchObject({ status: "ACTIVE", mutual: true });
      expect(find("mi5", partner, "SERIOUS_CRIME_SUPPORT").status).toBe("SUSPENDED");
    }
    expect(links.filter((link) => link.status === "SUSPENDED").every((link) => link.kind === "SERIOUS_CRIME_SUPPORT")).toBe(true);
  });

  it("dates MI5's lead in Northern Ireland from 2007, with the PSNI's operational role", () => {
    expect(find("mi5", "psni", "NORTHERN_IRELAND_INTELLIGENCE_LEAD")).toMatchObject({ since: "2007", status: "ACTIVE" });
    expect(find("psni", "mi5", "NORTHERN_IRELAND_POLICE_RESPONSE")).toMatchObject({ status: "ACTIVE" });
    expect(links.filter((link) => link.since !== null)).toHaveLength(1);
  });

  it("records MI5's reliance on SIS and on foreign services, and its close work with them", () => {
    expect(find("mi5", "foreign-intelligence-services", "WORKS_CLOSELY").closeness).toBe("CLOSE");
    expect(kindsTo("foreign-intelligence-services")).toEqual(["WORKS_CLOSELY", "RELIES_ON"]);
    expect(find("mi5", "sis", "RELIES_ON").mutual).toBe(false);
  });

  it("structures the page's qualifiers of a link", () => {
    for (const agency of ["sis", "gchq"]) {
      expect(find("mi5", agency, "INTELLIGENCE_CUSTOMER").qualifiers).toEqual(["MAJOR"]);
      expect(find("mi5", agency, "MUTUAL_ASSISTANCE").qualifiers).toEqual(["IN_MANY_AREAS"]);
    }
    expect(find("mi5", "sis", "RELIES_ON").qualifiers).toEqual(["IN_MANY_AREAS", "HEAVILY"]);
    for (const police of POLICE) expect(find("mi5", police, "WORKS_CLOSELY").qualifiers).toEqual(["PREDOMINANTLY"]);
    expect(find("mi5", "home-office", "WORKS_CLOSELY").qualifiers).toEqual([]);
  });

  it("says where each link comes from, in the page's words under its heading", () => {
    for (const link of links) {
      expect(link.sourced).toBe(true);
      expect(link.source).toMatchObject({ document: "working-with-partners", section: expect.any(String), quote: expect.any(String) });
    }
    expect(find("mi5", "psni", "NORTHERN_IRELAND_INTELLIGENCE_LEAD").source).toEqual({
      document: "working-with-partners",
      section: "Law enforcement agencies and the armed services",
      quote: "took lead responsibility for Northern Ireland's national security intelligence work during 2007",
    });
  });

  it("links the armed services as the page's heading names them, and invents no link the page does not state", () => {
    const linked = new Set(links.flatMap((link) => [link.from, link.to]));
    // Releasing files to the National Archives is news; the armed services are named as partners, nothing more.
    expect(linked.has("national-archives")).toBe(false);
    expect(kindsTo("armed-services")).toEqual(["PARTNER"]);
    expect(find("mi5", "armed-services", "PARTNER")).toMatchObject({ closeness: null, qualifiers: [], status: "ACTIVE" });
    expect(kindsTo("home-office")).toEqual(["WORKS_CLOSELY"]);
    expect(kindsTo("central-government")).toEqual(["PROTECTIVE_SECURITY_ADVICE"]);
  });

  it("describes every link in its own words", () => {
    for (const link of links) expect(link.description.length).toBeGreaterThan(20);
  });

  it("starts every link at version 1", async () => {
    // Every link the page states involves MI5 but one, SIS's with GCHQ.
    const response = await liaison.query(`query($mi5: ID) { relationships(agency: $mi5, first: 100) { edges { node { version } } } }`, {
      mi5: id.mi5,
    });
    const versions = response.body.data.relationships.edges.map((edge: any) => edge.node.version);
    expect(versions).toEqual(Array(seededRelationships.length - 1).fill(1));
  });

  it("seeds again without writing anything", async () => {
    const state = () => prisma.relationship.aggregate({ _count: true, _max: { updatedAt: true } });
    const before = await state();
    await seedDatabase(prisma);
    expect(await state()).toEqual(before);
  });
});

describe("an agency's relationships and partners", () => {
  async function psniLinks(direction: string) {
    const response = await liaison.query(
      `{ agency(slug: "psni") { relationships(direction: ${direction}) { kind from { slug } to { slug } } } }`,
    );
    expect(response.body.errors).toBeUndefined();
    return response.body.data.agency.relationships;
  }

  it("lists links by direction, both by default", async () => {
    const outgoing = await psniLinks("OUTGOING");
    expect(outgoing).toEqual([{ kind: "NORTHERN_IRELAND_POLICE_RESPONSE", from: { slug: "psni" }, to: { slug: "mi5" } }]);
    const incoming = await psniLinks("INCOMING");
    expect(incoming.map((link: any) => link.kind)).toEqual([
      "WORKS_CLOSELY", "RECEIVES_HELP", "INTELLIGENCE_ASSESSMENTS", "JOINT_INVESTIGATIONS",
      "SERIOUS_CRIME_SUPPORT", "NORTHERN_IRELAND_INTELLIGENCE_LEAD",
    ]);
    expect(incoming.every((link: any) => link.to.slug === "psni")).toBe(true);
    const both = (await liaison.query(`{ agency(slug: "psni") { relationships { kind } } }`)).body.data.agency.relationships;
    expect(both).toHaveLength(outgoing.length + incoming.length);
  });

  it("filters links by kind and status together", async () => {
    const response = await liaison.query(`{
      agency(slug: "mi5") {
        strong: relationships(kind: STRONG_LINKS) { to { slug } }
        none: relationships(kind: STRONG_LINKS, status: SUSPENDED) { id }
        outgoingToMi5: relationships(kind: NORTHERN_IRELAND_POLICE_RESPONSE, direction: INCOMING) { from { slug } }
      }
    }`);
    expect(response.body.errors).toBeUndefined();
    const { strong, none, outgoingToMi5 } = response.body.data.agency;
    expect(strong.map((link: any) => link.to.slug)).toEqual(["fco", "cabinet-office", "nio", "bis", "mod"]);
    expect(none).toEqual([]);
    expect(outgoingToMi5).toEqual([{ from: { slug: "psni" } }]);
  });

  it("lists each partner once, in either direction, filterable", async () => {
    const response = await liaison.query(`{
      gchq: agency(slug: "gchq") { partners { slug } assisting: partners(kind: MUTUAL_ASSISTANCE) { slug } }
      psni: agency(slug: "psni") { partners { slug } }
      archives: agency(slug: "national-archives") { partners { slug } relationships { id } }
      mi5: agency(slug: "mi5") { suspended: partners(status: SUSPENDED) { slug } }
    }`);
    expect(response.body.errors).toBeUndefined();
    const { gchq, psni, archives, mi5 } = response.body.data;
    expect(gchq.partners).toEqual([{ slug: "mi5" }, { slug: "sis" }]);
    expect(gchq.assisting).toEqual([{ slug: "mi5" }, { slug: "sis" }]);
    expect(psni.partners).toEqual([{ slug: "mi5" }]);
    expect(archives).toEqual({ partners: [], relationships: [] });
    expect(mi5.suspended.map((partner: any) => partner.slug)).toEqual(POLICE_AND_LAW_ENFORCEMENT);
  });

  it("answers null for an unknown agency, as the agencies subgraph does", async () => {
    const response = await liaison.query(
      `query($id: ID!) { agency(id: $id) { partners { slug } relationships { id } } }`,
      { id: NO_AGENCY },
    );
    expect(response.body).toEqual({ data: { agency: null } });
  });
});

describe("relationship lookup and list", () => {
  it("finds a relationship by id, and null for an unknown one", async () => {
    const listed = await liaison.query(`{ relationships(first: 1, kind: NORTHERN_IRELAND_INTELLIGENCE_LEAD) { edges { node { id } } } }`);
    const [{ node }] = listed.body.data.relationships.edges;
    const response = await liaison.query(
      `query($id: ID!, $none: ID!) {
        relationship(id: $id) { id kind since from { shortName } to { shortName } }
        none: relationship(id: $none) { id }
      }`,
      { id: node.id, none: NO_AGENCY },
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({
      relationship: { id: node.id, kind: "NORTHERN_IRELAND_INTELLIGENCE_LEAD", since: "2007", from: { shortName: "MI5" }, to: { shortName: "PSNI" } },
      none: null,
    });
  });

  it("walks every page in recorded order without gaps or repeats", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const response: GraphQLResponse = await liaison.query(
        `query($after: String) { relationships(first: 7, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      const { edges, pageInfo } = response.body.data.relationships;
      seen.push(...edges.map((edge: any) => edge.node.id));
      after = pageInfo.hasNextPage ? pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(seededRelationships.length);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort());
  });

  it("filters by kind, status, closeness and the agency at either end", async () => {
    const response = await liaison.query(
      `query($mi5: ID!, $psni: ID!, $sis: ID!) {
        suspended: relationships(status: SUSPENDED) { totalCount }
        veryClose: relationships(closeness: VERY_CLOSE) { edges { node { to { slug } } } }
        toPsni: relationships(from: $mi5, to: $psni) { totalCount }
        fromPsni: relationships(from: $psni) { edges { node { kind } } }
        sisEither: relationships(agency: $sis) { totalCount }
        sisAssisting: relationships(agency: $sis, kind: MUTUAL_ASSISTANCE) { totalCount }
      }`,
      { mi5: id.mi5, psni: id.psni, sis: id.sis },
    );
    expect(response.body.errors).toBeUndefined();
    const data = response.body.data;
    expect(data.suspended.totalCount).toBe(POLICE_AND_LAW_ENFORCEMENT.length);
    expect(data.veryClose.edges.map((edge: any) => edge.node.to.slug)).toEqual(["sis", "gchq"]);
    expect(data.toPsni.totalCount).toBe(6);
    expect(data.fromPsni.edges).toEqual([{ node: { kind: "NORTHERN_IRELAND_POLICE_RESPONSE" } }]);
    // MI5: works very closely, assists, uses its intelligence, relies on it; and GCHQ: assists.
    expect(data.sisEither.totalCount).toBe(5);
    expect(data.sisAssisting.totalCount).toBe(2);
  });

  it("resolves relationship references in order, with null for unknown ids and BAD_USER_INPUT for a malformed one, in one statement", async () => {
    const listed = await liaison.query(`{ relationships(first: 3) { edges { node { id kind } } } }`);
    const nodes = listed.body.data.relationships.edges.map((edge: any) => edge.node);
    const token = await liaison.gatewayTokenFor("relationships");
    liaison.statements.length = 0;
    const response = await liaison.querySubgraph(
      "relationships",
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Relationship { kind } } }`,
      {
        representations: [
          ...nodes.map((node: any) => ({ __typename: "Relationship", id: node.id })),
          { __typename: "Relationship", id: NO_AGENCY },
          { __typename: "Relationship", id: "malformed" },
        ],
      },
      { token },
    );
    expect(response.body.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[["_entities", nodes.length + 1], "BAD_USER_INPUT"]]);
    expect(response.body.data._entities).toEqual([...nodes.map((node: any) => ({ kind: node.kind })), null, null]);
    expect(liaison.statements).toHaveLength(1);
  });
});

describe("neighbourhood", () => {
  async function neighbourhood(slug: string, args = "") {
    return liaison.query(
      `{ agency(slug: "${slug}") { neighbourhood${args} { nodes { slug } edges { kind status from { slug } to { slug } } } } }`,
    );
  }

  it("reaches one link away by default, walking active links only", async () => {
    const response = await neighbourhood("psni");
    expect(response.body.errors).toBeUndefined();
    const { nodes, edges } = response.body.data.agency.neighbourhood;
    expect(nodes).toEqual([{ slug: "psni" }, { slug: "mi5" }]);
    expect(edges.map((edge: any) => edge.kind)).toEqual([
      "WORKS_CLOSELY", "RECEIVES_HELP", "INTELLIGENCE_ASSESSMENTS", "JOINT_INVESTIGATIONS",
      "NORTHERN_IRELAND_INTELLIGENCE_LEAD", "NORTHERN_IRELAND_POLICE_RESPONSE",
    ]);
    expect(edges.every((edge: any) => edge.status === "ACTIVE")).toBe(true);
  });

  it("walks suspended links when asked, or every link with status null", async () => {
    const suspended = (await neighbourhood("psni", "(status: SUSPENDED)")).body.data.agency.neighbourhood;
    expect(suspended.edges).toEqual([{ kind: "SERIOUS_CRIME_SUPPORT", status: "SUSPENDED", from: { slug: "mi5" }, to: { slug: "psni" } }]);
    const every = (await neighbourhood("psni", "(status: null)")).body.data.agency.neighbourhood;
    expect(every.edges).toHaveLength(7);
  });

  it("reaches further with depth, nearest first, with every link among the agencies reached", async () => {
    const response = await neighbourhood("psni", "(depth: 2)");
    expect(response.body.errors).toBeUndefined();
    const { nodes, edges } = response.body.data.agency.neighbourhood;
    const slugs = nodes.map((node: any) => node.slug);
    expect(slugs.slice(0, 2)).toEqual(["psni", "mi5"]);
    // Everyone MI5 works with, and no one the page links to nobody.
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(slugs).toHaveLength(19);
    expect(slugs).toContain("foreign-intelligence-services");
    expect(slugs).not.toContain("national-archives");
    // Every active link, SIS and GCHQ's with each other included.
    const activeLinks = seededRelationships.filter((link) => link.status === "ACTIVE");
    expect(edges).toHaveLength(activeLinks.length);
    expect(edges).toContainEqual({ kind: "MUTUAL_ASSISTANCE", status: "ACTIVE", from: { slug: "sis" }, to: { slug: "gchq" } });
  });

  it("answers an agency with no links with itself alone", async () => {
    const response = await neighbourhood("national-archives", `(depth: ${MAX_NEIGHBOURHOOD_DEPTH})`);
    expect(response.body).toEqual({ data: { agency: { neighbourhood: { nodes: [{ slug: "national-archives" }], edges: [] } } } });
  });

  it("answers null for an unknown agency", async () => {
    const response = await liaison.query(`query($id: ID!) { agency(id: $id) { neighbourhood { nodes { slug } } } }`, { id: NO_AGENCY });
    expect(response.body).toEqual({ data: { agency: null } });
  });

  it("walks many agencies' neighbourhoods from the adjacency index, without SQL", async () => {
    liaison.statements.length = 0;
    const response = await liaison.query(`{ agencies(first: 100) { edges { node { neighbourhood(depth: 2) { edges { id } } } } } }`);
    expect(response.body.errors).toBeUndefined();
    const walks = liaison.statements.filter((sql) => sql.includes("relationships"));
    expect(walks).toEqual([]);
  });
});

describe("shortest path", () => {
  const PATH = `query($from: ID!, $to: ID!, $status: RelationshipStatus) {
    shortestPath(from: $from, to: $to, status: $status) { kind status from { slug } to { slug } }
  }`;

  async function path(from: string, to: string, status?: string | null) {
    const variables = { from: id[from] ?? from, to: id[to] ?? to, ...(status !== undefined && { status }) };
    return liaison.query(PATH, variables);
  }

  /** Follows the links from `from`, checking each shares an agency with the last. */
  function walk(from: string, links: any[]): string[] {
    const visited = [from];
    for (const link of links) {
      const here = visited.at(-1);
      expect([link.from.slug, link.to.slug], `a link at ${here}`).toContain(here);
      visited.push(link.from.slug === here ? link.to.slug : link.from.slug);
    }
    return visited;
  }

  it("joins the Metropolitan Police and Police Scotland by a real chain of stated links", async () => {
    const response = await path("met", "police-scotland");
    expect(response.body.errors).toBeUndefined();
    const links = response.body.data.shortestPath;
    expect(walk("met", links)).toEqual(["met", "mi5", "police-scotland"]);
    for (const link of links) {
      const stated = seededRelationships.some(
        (seed) => seed.from === link.from.slug && seed.to === link.to.slug && seed.kind === link.kind,
      );
      expect(stated, JSON.stringify(link)).toBe(true);
      expect(link.status).toBe("ACTIVE");
    }
    // The same path every time.
    expect((await path("met", "police-scotland")).body.data.shortestPath).toEqual(links);
  });

  it("walks links against their direction, and only those of the status asked", async () => {
    const back = (await path("police-scotland", "met")).body.data.shortestPath;
    expect(walk("police-scotland", back)).toEqual(["police-scotland", "mi5", "met"]);
    const suspended = (await path("met", "police-scotland", "SUSPENDED")).body.data.shortestPath;
    expect(suspended.map((link: any) => link.kind)).toEqual(["SERIOUS_CRIME_SUPPORT", "SERIOUS_CRIME_SUPPORT"]);
    const direct = (await path("gchq", "sis", null)).body.data.shortestPath;
    expect(direct).toEqual([{ kind: "MUTUAL_ASSISTANCE", status: "ACTIVE", from: { slug: "sis" }, to: { slug: "gchq" } }]);
  });

  it("answers an empty path from an agency to itself", async () => {
    const response = await path("met", "met");
    expect(response.body).toEqual({ data: { shortestPath: [] } });
  });

  it("answers null when no chain of links joins them, or an id names no agency", async () => {
    for (const [from, to] of [["met", "national-archives"], ["national-archives", "mi5"], ["met", NO_AGENCY], [NO_AGENCY, "mi5"]] as const) {
      const response = await path(from, to);
      expect(response.body, `${from} to ${to}`).toEqual({ data: { shortestPath: null } });
    }
  });

});

describe("gateway", () => {
  it("reports the relationships subgraph's health", async () => {
    const response = await fetch(new URL("/health", liaison.supergraph.gateway.url));
    const report = await response.json();
    expect(report.subgraphs.relationships.ok).toBe(true);
  });
});
