import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RelationshipStatus } from "../../generated/prisma/client.ts";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import { seedDatabase } from "../../supergraph/seed.ts";
import { AdjacencyIndex } from "../../subgraphs/relationships/adjacency-index.ts";
import { findNeighbourhoods, findShortestPath, MAX_NEIGHBOURHOOD_DEPTH } from "../../subgraphs/relationships/graph-store.ts";
import { linksOfAgency, neighbourhoodOf, shortestPathBetween } from "../../subgraphs/relationships/memory-walks.ts";
import { findRelationshipsOfAgencies, type Direction } from "../../subgraphs/relationships/relationship-store.ts";
import { writeFromAnotherProcess } from "../support/another-process.ts";
import { dataOf } from "../support/responses.ts";
import { startTestSupergraph, type TestSupergraph } from "../support/test-supergraph.ts";

// The relationships subgraph walks the graph from an index of the links in
// memory (subgraphs/relationships/adjacency-index.ts), kept fresh from the
// change feed, with the recursive SQL of graph-store.ts as its fallback.

const GENERATED_AGENCIES = 200;
const KINDS = ["WORKS_WITH", "PARTNER", "RELIES_ON"] as const;
const STATUSES: (RelationshipStatus | null)[] = ["ACTIVE", "SUSPENDED", null];

/** The page's data and a directory of generated agencies, each linked to a few others, some twice, some suspended. */
async function seedWithGeneratedLinks(prisma: PrismaClient) {
  await seedDatabase(prisma);
  let state = 20_261_202;
  const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const agencies = Array.from({ length: GENERATED_AGENCIES }, (_, index) => ({
    slug: `walk-${index}`,
    name: `Walk Agency ${index}`,
    kind: "OTHER" as const,
    jurisdiction: "UNITED_KINGDOM" as const,
    description: "A generated agency.",
  }));
  await prisma.agency.createMany({ data: agencies });
  const ids = (await prisma.agency.findMany({ select: { id: true }, orderBy: { slug: "asc" } })).map((agency) => agency.id);
  const links = new Map<string, { fromAgencyId: string; toAgencyId: string; kind: (typeof KINDS)[number]; status: RelationshipStatus; description: string }>();
  for (const fromAgencyId of ids) {
    for (let each = 0; each < 3; each++) {
      const toAgencyId = ids[Math.floor(random() * ids.length)]!;
      const kind = KINDS[Math.floor(random() * KINDS.length)]!;
      if (toAgencyId === fromAgencyId) continue;
      const status = random() < 0.2 ? "SUSPENDED" : "ACTIVE";
      links.set(`${fromAgencyId} ${toAgencyId} ${kind}`, { fromAgencyId, toAgencyId, kind, status, description: "A generated link." });
    }
  }
  await prisma.relationship.createMany({ data: [...links.values()] });
}

let liaison: TestSupergraph;
let editor: string;
let agencyIds: string[];

beforeAll(async () => {
  liaison = await startTestSupergraph({ seed: seedWithGeneratedLinks });
  editor = await liaison.tokenFor("editor");
  agencyIds = (await liaison.prisma.agency.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((agency) => agency.id);
});
afterAll(() => liaison?.stop());

/** SQL statements the subgraphs sent that read or write relationships. */
function relationshipStatements(): string[] {
  return liaison.statements.filter((sql) => sql.includes("relationships"));
}

const WALKS = `query($slug: String!, $from: ID!, $to: ID!) {
  agency(slug: $slug) { neighbourhood(depth: ${MAX_NEIGHBOURHOOD_DEPTH}) { nodes { id } edges { id version status } } }
  shortestPath(from: $from, to: $to) { id }
}`;

async function walk(slug: string, from: string, to: string) {
  const response = await liaison.query(WALKS, { slug, from, to });
  expect(response.body.errors).toBeUndefined();
  return response.body.data as {
    agency: { neighbourhood: { nodes: { id: string }[]; edges: { id: string; version: number; status: string }[] } };
    shortestPath: { id: string }[] | null;
  };
}

async function newAgency(slug: string) {
  const response = await liaison.query(
    `mutation($input: CreateAgencyInput!) { createAgency(input: $input) { id slug } }`,
    { input: { slug, name: `Agency ${slug}`, kind: "OTHER", jurisdiction: "UNITED_KINGDOM", description: "Made by a test." } },
    { token: editor },
  );
  return dataOf<{ id: string; slug: string }>(response, "createAgency");
}

describe("the adjacency index", () => {
  it("answers a neighbourhood to depth 3 and a shortest path without a statement to the relationships", async () => {
    liaison.statements.length = 0;
    const answer = await walk("mi5", agencyIds[0]!, agencyIds.at(-1)!);
    expect(answer.agency.neighbourhood.nodes.length).toBeGreaterThan(1);
    expect(relationshipStatements()).toEqual([]);
  });

  it("answers every walk as the recursive SQL does: each agency, depth and status, and paths between many pairs", async () => {
    const index = await AdjacencyIndex.start(liaison.prisma, liaison.supergraph.changeFeed);
    try {
      expect(index.size).toBe(await liaison.prisma.relationship.count());
      for (const status of STATUSES) {
        for (let depth = 1; depth <= MAX_NEIGHBOURHOOD_DEPTH; depth++) {
          const fromSql = await findNeighbourhoods(liaison.prisma, agencyIds, depth, status);
          const fromMemory = agencyIds.map((id) => neighbourhoodOf(index, id, depth, status));
          expect(fromMemory, `depth ${depth}, status ${status}`).toEqual(fromSql);
        }
        for (let pair = 0; pair < 30; pair++) {
          const from = agencyIds[(pair * 7) % agencyIds.length]!;
          const to = agencyIds[(pair * 13 + 5) % agencyIds.length]!;
          const fromSql = await findShortestPath(liaison.prisma, from, to, status);
          expect(shortestPathBetween(index, from, to, status), `${from} to ${to}, status ${status}`).toEqual(fromSql);
        }
      }
    } finally {
      await index.stop();
    }
  }, 180_000);

  it("answers each agency's links as SQL does, for every direction, status and kind", async () => {
    const index = await AdjacencyIndex.start(liaison.prisma, liaison.supergraph.changeFeed);
    try {
      for (const direction of ["OUTGOING", "INCOMING", "BOTH"] as Direction[]) {
        for (const status of STATUSES) {
          for (const kind of [null, ...KINDS]) {
            const filter = { direction, status, kind };
            const fromSql = await findRelationshipsOfAgencies(liaison.prisma, agencyIds, filter);
            expect(agencyIds.map((id) => linksOfAgency(index, id, filter)), JSON.stringify(filter)).toEqual(fromSql);
          }
        }
      }
    } finally {
      await index.stop();
    }
  }, 180_000);

  it("answers a page of agencies' links and partners without a statement to the relationships", async () => {
    liaison.statements.length = 0;
    const response = await liaison.query(`{ agencies(first: 50) { edges { node { relationships { id } partners(status: ACTIVE) { id } } } } }`);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.agencies.edges.some((edge: any) => edge.node.relationships.length > 0)).toBe(true);
    expect(relationshipStatements()).toEqual([]);
  });

  it("sees a write through the API in the next walk, with no statement to read it back", async () => {
    const [a, b] = [await newAgency("index-a"), await newAgency("index-b")];
    const created = await liaison.query(
      `mutation($input: CreateRelationshipInput!) { createRelationship(input: $input) { id version } }`,
      { input: { from: a.id, to: b.id, kind: "PARTNER", description: "Made by a test." } },
      { token: editor },
    );
    const link = dataOf<{ id: string; version: number }>(created, "createRelationship");

    liaison.statements.length = 0;
    const answer = await walk(a.slug, a.id, b.id);
    expect(answer.agency.neighbourhood).toEqual({ nodes: [{ id: a.id }, { id: b.id }], edges: [{ id: link.id, version: 1, status: "ACTIVE" }] });
    expect(answer.shortestPath).toEqual([{ id: link.id }]);
    const partners = await liaison.query(`query($slug: String!) { agency(slug: $slug) { partners { id } } }`, { slug: b.slug });
    expect(partners.body.data.agency.partners).toEqual([{ id: a.id }]);
    expect(relationshipStatements()).toEqual([]);
  });

  it("follows writes made by another process to the same database", async () => {
    const [a, b] = [await newAgency("elsewhere-a"), await newAgency("elsewhere-b")];
    const link = await writeFromAnotherProcess(liaison.database.url, "create", { from: a.id, to: b.id, kind: "WORKS_WITH", description: "Written elsewhere." });

    await expect.poll(async () => (await walk(a.slug, a.id, b.id)).shortestPath, { timeout: 15_000, interval: 100 }).toEqual([{ id: link.id }]);

    await writeFromAnotherProcess(liaison.database.url, "suspend", { id: link.id, version: 1, reason: "Paused elsewhere." });
    await expect
      .poll(async () => (await walk(a.slug, a.id, b.id)).agency.neighbourhood, { timeout: 15_000, interval: 100 })
      .toEqual({ nodes: [{ id: a.id }], edges: [] });
    expect((await walk(a.slug, a.id, b.id)).shortestPath).toBeNull();
  });
});
