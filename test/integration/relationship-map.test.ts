import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { relationshipMapFiles } from "../../gateway/relationship-map.ts";
import { cutOffTheOutside, launchChromium } from "../support/browser.ts";
import { startTestSupergraph, type TestSupergraph } from "../support/test-supergraph.ts";

// The map at /explore draws what the public API answers; these tests ask
// the API the same questions and compare with the graph cytoscape holds.

interface Drawn {
  nodes: { id: string; slug: string; classes: string[] }[];
  edges: { id: string; status: string; classes: string[] }[];
}

let liaison: TestSupergraph;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let aborted: string[];

async function idOf(slug: string): Promise<string> {
  const { body } = await liaison.query(`query ($slug: String) { agency(slug: $slug) { id } }`, { slug });
  return body.data.agency.id;
}

/** The panel's heading for an agency, as the API names it. */
async function headingOf(slug: string): Promise<string> {
  const { body } = await liaison.query(`query ($slug: String) { agency(slug: $slug) { name shortName } }`, { slug });
  const { name, shortName } = body.data.agency;
  return shortName && shortName !== name ? `${name} (${shortName})` : name;
}

async function neighbourhoodOf(slug: string) {
  const { body } = await liaison.query(
    `query ($slug: String) { agency(slug: $slug) { neighbourhood(depth: 1, status: null) { nodes { id slug } edges { id status } } } }`,
    { slug },
  );
  return body.data.agency.neighbourhood as { nodes: { id: string; slug: string }[]; edges: { id: string; status: string }[] };
}

function drawn(): Promise<Drawn> {
  return page.evaluate(() => {
    const { cy } = (window as any).liaisonMap;
    return {
      nodes: cy.nodes().map((node: any) => ({ id: node.id(), slug: node.data("slug"), classes: node.classes() })),
      edges: cy.edges().map((edge: any) => ({ id: edge.id(), status: edge.data("status"), classes: edge.classes() })),
    };
  });
}

const ids = (items: { id: string }[]) => items.map((item) => item.id).sort();
/** The map draws after the API answers, which takes a while on a busy machine. */
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });

/** An agency one link beyond MI5's partners: the Home Office works with it. */
async function addHarbourWatch() {
  const editor = await liaison.tokenFor("editor");
  const created = await liaison.query(
    `mutation ($input: CreateAgencyInput!) { createAgency(input: $input) { id } }`,
    { input: { slug: "harbour-watch", name: "Harbour Watch", kind: "LAW_ENFORCEMENT_AGENCY", jurisdiction: "UNITED_KINGDOM", description: "Watches a harbour (made up for this test)." } },
    { token: editor },
  );
  expect(created.body.errors).toBeUndefined();
  const linked = await liaison.query(
    `mutation ($input: CreateRelationshipInput!) { createRelationship(input: $input) { id } }`,
    { input: { from: await idOf("home-office"), to: created.body.data.createAgency.id, kind: "WORKS_WITH", description: "Oversees it." } },
    { token: editor },
  );
  expect(linked.body.errors).toBeUndefined();
}

beforeAll(async () => {
  liaison = await startTestSupergraph();
  await addHarbourWatch();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  aborted = await cutOffTheOutside(context);
  page = await context.newPage();
  await page.goto(new URL("/explore", liaison.supergraph.gateway.url).href);
  expect(await page.evaluate(() => (window as any).liaisonMap.ready)).toBe(true);
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await liaison?.stop();
});

describe("the relationship map at /explore", () => {
  it("is installed: its page, script and cytoscape", () => {
    expect(relationshipMapFiles.filter((file) => !existsSync(file))).toEqual([]);
  });

  it("draws MI5's neighbourhood after a search, its suspended links drawn apart, with MI5 in the panel", async () => {
    await page.fill("#search-text", "MI5");
    await page.click("#search button");
    const expected = await neighbourhoodOf("mi5");
    await eventually(async () => ids((await drawn()).nodes)).toEqual(ids(expected.nodes));
    const graph = await drawn();
    expect(ids(graph.edges)).toEqual(ids(expected.edges));
    const suspended = expected.edges.filter((edge) => edge.status === "SUSPENDED");
    expect(suspended.length).toBeGreaterThan(0);
    for (const edge of graph.edges) expect(edge.classes.includes("suspended")).toBe(edge.status === "SUSPENDED");
    expect(graph.nodes.find((node) => node.slug === "mi5")!.classes).toContain("focus");
    await eventually(() => page.locator("#agency h2").innerText()).toBe(await headingOf("mi5"));
    expect(await page.locator("#threat").innerText()).toMatch(/Threat level: severe\s+An attack is highly likely\./);
  });

  it("highlights the shortest path from the Metropolitan Police to Police Scotland", async () => {
    const [met, scotland] = [await idOf("met"), await idOf("police-scotland")];
    const { body } = await liaison.query(`query ($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to) { id from { id } to { id } } }`, {
      from: met,
      to: scotland,
    });
    const path: { id: string; from: { id: string }; to: { id: string } }[] = body.data.shortestPath;
    expect(path.length).toBeGreaterThan(0);
    await page.fill("#path-from", await headingOf("met"));
    await page.fill("#path-to", await headingOf("police-scotland"));
    await page.click("#path button");
    await eventually(() => page.locator("#path-result").innerText()).toBe(`${path.length} link${path.length === 1 ? "" : "s"}`);
    const graph = await drawn();
    const onPath = (items: Drawn["nodes"] | Drawn["edges"]) => items.filter((item) => item.classes.includes("on-path")).map((item) => item.id).sort();
    expect(onPath(graph.edges)).toEqual(ids(path));
    expect(onPath(graph.nodes)).toEqual([...new Set(path.flatMap((link) => [link.from.id, link.to.id]))].sort());
    expect(graph.nodes.filter((node) => !node.classes.includes("on-path")).every((node) => node.classes.includes("dimmed"))).toBe(true);
    if (process.env.LIAISON_SCREENSHOTS) await page.screenshot({ path: `${process.env.LIAISON_SCREENSHOTS}/relationship-map.png` });
  });

  it("opens an agency clicked on the graph and draws its own links", async () => {
    expect((await drawn()).nodes.map((node) => node.slug)).not.toContain("harbour-watch");
    const homeOffice = await idOf("home-office");
    const position = await page.evaluate((id) => (window as any).liaisonMap.cy.getElementById(id).renderedPosition(), homeOffice);
    const box = (await page.locator("#graph").boundingBox())!;
    await page.mouse.click(box.x + position.x, box.y + position.y);
    await eventually(async () => (await drawn()).nodes.map((node) => node.slug)).toContain("harbour-watch");
    const theirs = await neighbourhoodOf("home-office");
    const after = await drawn();
    expect(ids(theirs.edges).filter((id) => !after.edges.some((edge) => edge.id === id))).toEqual([]);
    expect(after.nodes.find((node) => node.id === homeOffice)!.classes).toContain("focus");
    await eventually(() => page.locator("#agency h2").innerText()).toBe(await headingOf("home-office"));
  });

  it("filters links by status and agencies by kind", async () => {
    await page.uncheck("#status-filter input[value=SUSPENDED]");
    await page.uncheck("#kind-filter input[value=POLICE_FORCE]");
    const classesBy = await page.evaluate(() => {
      const { cy } = (window as any).liaisonMap;
      return {
        edges: cy.edges().map((edge: any) => [edge.data("status"), edge.hasClass("filtered")]),
        nodes: cy.nodes().map((node: any) => [node.data("kind"), node.hasClass("filtered")]),
      };
    });
    for (const [status, filtered] of classesBy.edges) expect(filtered).toBe(status === "SUSPENDED");
    for (const [kind, filtered] of classesBy.nodes) expect(filtered).toBe(kind === "POLICE_FORCE");
    await page.check("#status-filter input[value=SUSPENDED]");
    await page.check("#kind-filter input[value=POLICE_FORCE]");
  });

  it("finds a path between agencies not drawn yet, named as typed", async () => {
    // Braces, so that the removed collection (the whole map, cyclic) is not sent back to the test.
    await page.evaluate(() => {
      (window as any).liaisonMap.cy.elements().remove();
    });
    const { body } = await liaison.query(`query ($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to) { id } }`, {
      from: await idOf("harbour-watch"),
      to: await idOf("mi5"),
    });
    const path: { id: string }[] = body.data.shortestPath;
    expect(path.length).toBeGreaterThan(1);
    await page.fill("#path-from", "Harbour Watch");
    await page.fill("#path-to", await headingOf("mi5"));
    await page.click("#path button");
    const onPath = async () => (await drawn()).edges.filter((edge) => edge.classes.includes("on-path")).map((edge) => edge.id).sort();
    await eventually(onPath).toEqual(ids(path));
    expect(await page.locator("#path-result").innerText()).toBe(`${path.length} links`);
    expect((await drawn()).nodes.map((node) => node.slug)).toEqual(expect.arrayContaining(["harbour-watch", "mi5"]));
  });

  it("says so when a name matches no agency, or a request fails, and clears it once one succeeds", async () => {
    await page.fill("#path-from", "No Such Agency Anywhere");
    await page.fill("#path-to", await headingOf("mi5"));
    await page.click("#path button");
    await eventually(() => page.locator("#status").innerText()).toBe('No agency matches "No Such Agency Anywhere".');

    await page.fill("#token", "not-a-token");
    await page.dispatchEvent("#token", "change");
    await eventually(() => page.locator("#status").innerText()).toMatch(/token/i);

    await page.fill("#token", "");
    await page.dispatchEvent("#token", "change");
    await eventually(() => page.locator("#status").innerText()).toBe("");
  });

  it("names and colours every kind of link the API knows, each one a filter", async () => {
    const { body } = await liaison.query(`{ __type(name: "RelationshipKind") { enumValues { name } } }`);
    const kinds: string[] = body.data.__type.enumValues.map((value: { name: string }) => value.name);
    const legend = await page.$$eval("#link-kind-filter input", (inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    expect(legend.sort()).toEqual([...kinds].sort());
    const colours = await page.$$eval("#link-kind-filter .swatch", (marks) => marks.map((mark) => (mark as HTMLElement).style.background));
    expect(colours.every(Boolean)).toBe(true);
    expect(new Set(colours).size).toBe(kinds.length);

    await page.fill("#search-text", "MI5");
    await page.click("#search button");
    await eventually(async () => (await drawn()).edges.length).toBeGreaterThan(0);
    await page.uncheck("#link-kind-filter input[value=WORKS_CLOSELY]");
    const filtered = await page.evaluate(() =>
      (window as any).liaisonMap.cy.edges().map((edge: any) => [edge.data("kind"), edge.hasClass("filtered")]),
    );
    expect(filtered.some(([kind]: [string]) => kind === "WORKS_CLOSELY")).toBe(true);
    for (const [kind, hidden] of filtered) expect(hidden).toBe(kind === "WORKS_CLOSELY");
    await page.check("#link-kind-filter input[value=WORKS_CLOSELY]");
  });

  it("loaded nothing from beyond this machine", () => {
    expect(aborted).toEqual([]);
  });
});
