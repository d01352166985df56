import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeFromAnotherProcess } from "../support/another-process.ts";
import { dataOf } from "../support/responses.ts";
import { startTestSupergraph, type TestSupergraph } from "../support/test-supergraph.ts";

// The agencies subgraph answers agencies by id and by slug from a directory
// in memory (subgraphs/agencies/agency-directory.ts), kept fresh from the
// change feed; what it lacks, and every list, search and count, is read
// from SQL.

let liaison: TestSupergraph;
let editor: string;

beforeAll(async () => {
  liaison = await startTestSupergraph();
  editor = await liaison.tokenFor("editor");
});
afterAll(() => liaison?.stop());

const BY_SLUG = `query($slug: String!) { agency(slug: $slug) { id slug name version } }`;
const BY_ID = `query($id: ID!) { agency(id: $id) { id slug name version } }`;

async function bySlug(slug: string) {
  return dataOf(await liaison.query(BY_SLUG, { slug }), "agency") as { id: string; slug: string; name: string; version: number } | null;
}

function agencyStatements(): string[] {
  return liaison.statements.filter((sql) => sql.includes("agencies.agency"));
}

describe("the agency directory in memory", () => {
  it("answers an agency by slug and by id, and its partners' names, with no SQL", async () => {
    liaison.statements.length = 0;
    const mi5 = await bySlug("mi5");
    expect(mi5).toMatchObject({ slug: "mi5", name: "MI5" });
    expect(dataOf(await liaison.query(BY_ID, { id: mi5!.id }), "agency")).toEqual(mi5);
    const partners = await liaison.query(`{ agency(slug: "mi5") { partners { name } } }`);
    expect(dataOf(partners, "agency").partners.length).toBeGreaterThan(0);
    expect(agencyStatements()).toEqual([]);
  });

  it("shows this process's own update at once under its new slug, and not under its old", async () => {
    const before = (await bySlug("home-office"))!;
    const response = await liaison.query(
      `mutation($input: UpdateAgencyInput!) { updateAgency(input: $input) { version } }`,
      { input: { id: before.id, version: before.version, slug: "home-office-renamed", name: "Home Office (renamed)" } },
      { token: editor },
    );
    expect(response.body.errors).toBeUndefined();
    liaison.statements.length = 0;
    expect(await bySlug("home-office-renamed")).toEqual({ id: before.id, slug: "home-office-renamed", name: "Home Office (renamed)", version: before.version + 1 });
    expect(agencyStatements()).toEqual([]);
    expect(await bySlug("home-office")).toBeNull();
  });

  it("follows an update made by another process", async () => {
    const before = (await bySlug("cabinet-office"))!;
    const input = { id: before.id, version: before.version, name: "Cabinet Office (renamed elsewhere)" };
    await writeFromAnotherProcess(liaison.database.url, "update-agency", input);
    await expect
      .poll(async () => (await bySlug("cabinet-office"))?.name, { timeout: 15_000, interval: 100 })
      .toBe("Cabinet Office (renamed elsewhere)");
  });

  it("reads an agency it has never been told of from SQL, and holds it from then on", async () => {
    await liaison.prisma.agency.create({ data: { slug: "inserted-by-hand", name: "Inserted By Hand", kind: "OTHER", description: "No change event." } });
    liaison.statements.length = 0;
    expect(await bySlug("inserted-by-hand")).toMatchObject({ name: "Inserted By Hand" });
    expect(agencyStatements()).toHaveLength(1);
    liaison.statements.length = 0;
    expect(await bySlug("inserted-by-hand")).toMatchObject({ name: "Inserted By Hand" });
    expect(agencyStatements()).toEqual([]);
  });
});
