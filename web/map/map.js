// Liaison's relationship map. It reads the directory through the public
// GraphQL API at /graphql, as any client would, and draws it with
// cytoscape. window.liaisonMap exposes the graph for tests and the console.

import cytoscape from "/explore/cytoscape.esm.min.mjs";

const KINDS = {
  INTELLIGENCE_AGENCY: ["Intelligence agency", "#14213d"],
  GOVERNMENT_DEPARTMENT: ["Government department", "#2a9d8f"],
  POLICE_FORCE: ["Police force", "#457b9d"],
  LAW_ENFORCEMENT_AGENCY: ["Law enforcement", "#8e7dbe"],
  ARMED_SERVICE: ["Armed service", "#6a994e"],
  FOREIGN_SERVICE: ["Foreign service", "#bc6c25"],
  OTHER: ["Other", "#8d99ae"],
};
const STATUSES = { ACTIVE: "Active links", SUSPENDED: "Suspended links" };
const LINK_KINDS = {
  WORKS_CLOSELY: ["Works closely", "#264653"],
  STRONG_LINKS: ["Strong links", "#2a9d8f"],
  PROTECTIVE_SECURITY_ADVICE: ["Protective security advice", "#e9c46a"],
  MUTUAL_ASSISTANCE: ["Mutual assistance", "#f4a261"],
  INTELLIGENCE_CUSTOMER: ["Intelligence customer", "#e76f51"],
  WORKS_WITH: ["Works with", "#8ab17d"],
  RECEIVES_HELP: ["Receives help", "#b5838d"],
  INTELLIGENCE_ASSESSMENTS: ["Intelligence assessments", "#6d597a"],
  JOINT_INVESTIGATIONS: ["Joint investigations", "#355070"],
  SERIOUS_CRIME_SUPPORT: ["Serious crime support", "#d62828"],
  NORTHERN_IRELAND_INTELLIGENCE_LEAD: ["Northern Ireland intelligence lead", "#003049"],
  NORTHERN_IRELAND_POLICE_RESPONSE: ["Northern Ireland police response", "#669bbc"],
  RELIES_ON: ["Relies on", "#9c6644"],
  PARTNER: ["Partner", "#5c677d"],
};
/** Closer links are drawn thicker. */
const CLOSENESS_WIDTH = { PARTICULARLY_CLOSE: 7, VERY_CLOSE: 6, CLOSE_PARTNERSHIP: 5, CLOSE: 4, STRONG_LINKS: 3 };
/** Above this many agencies on screen labels give way to speed. */
const LARGE_GRAPH = 300;

const AGENCY_FIELDS = "id slug name shortName kind";
const LINK_FIELDS = "id kind closeness status mutual since from { id } to { id }";

async function graphql(query, variables = {}) {
  const token = sessionStorage.getItem("liaison-token");
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ query, variables }),
  });
  const body = response.headers.get("content-type")?.includes("json") ? await response.json() : {};
  if (body.errors?.length) throw new Error(body.errors.map((error) => error.message).join("; "));
  if (!response.ok || !body.data) throw new Error(`The API answered ${response.status} ${response.statusText}.`);
  return body.data;
}

const statusLine = document.getElementById("status");

/** Runs one of the map's actions, showing why it failed instead of failing silently. */
async function reporting(action) {
  try {
    const result = await action();
    statusLine.replaceChildren();
    return result;
  } catch (error) {
    statusLine.replaceChildren(element("span", error.message, "error"));
  }
}

const cy = cytoscape({
  container: document.getElementById("graph"),
  minZoom: 0.05,
  maxZoom: 4,
  // Panning and zooming a thousand agencies stays smooth when edges are
  // left out and a snapshot is moved instead while the view changes.
  textureOnViewport: true,
  hideEdgesOnViewport: true,
  pixelRatio: 1,
  style: [
    {
      selector: "node",
      style: {
        label: "data(label)",
        "background-color": "data(colour)",
        color: "#1d2733",
        "font-size": 11,
        "text-valign": "bottom",
        "text-margin-y": 4,
        "text-wrap": "ellipsis",
        "text-max-width": 120,
        width: 22,
        height: 22,
        "border-width": 2,
        "border-color": "#fff",
        "min-zoomed-font-size": 8,
      },
    },
    { selector: "node.focus", style: { width: 34, height: 34, "border-color": "#fca311", "border-width": 4, "font-weight": 700 } },
    {
      selector: "edge",
      style: {
        width: "data(width)",
        "line-color": "data(colour)",
        "target-arrow-color": "data(colour)",
        "target-arrow-shape": "data(arrow)",
        "curve-style": "bezier",
        opacity: 0.75,
      },
    },
    { selector: "edge.suspended", style: { "line-style": "dashed", "line-dash-pattern": [6, 4], "line-color": "#8d99ae", "target-arrow-color": "#8d99ae", opacity: 0.9 } },
    { selector: ".filtered", style: { display: "none" } },
    { selector: ".dimmed", style: { opacity: 0.15 } },
    { selector: "node.on-path", style: { "border-color": "#e63946", "border-width": 5, "z-index": 10 } },
    { selector: "edge.on-path", style: { "line-color": "#e63946", "target-arrow-color": "#e63946", width: 8, opacity: 1, "z-index": 10 } },
  ],
});

function agencyElement(agency) {
  const [, colour] = KINDS[agency.kind] ?? KINDS.OTHER;
  return { group: "nodes", data: { id: agency.id, slug: agency.slug, kind: agency.kind, label: agency.shortName ?? agency.name, name: agency.name, shortName: agency.shortName, colour } };
}

function linkElement(link) {
  return {
    group: "edges",
    classes: link.status === "SUSPENDED" ? "suspended" : "",
    data: {
      id: link.id,
      source: link.from.id,
      target: link.to.id,
      kind: link.kind,
      status: link.status,
      closeness: link.closeness,
      colour: LINK_KINDS[link.kind]?.[1] ?? "#8d99ae",
      width: CLOSENESS_WIDTH[link.closeness] ?? 2,
      arrow: link.mutual ? "none" : "triangle",
    },
  };
}

/** Adds what is not drawn yet; answers whether anything was added. */
function draw(agencies, links) {
  const added = cy.add([
    ...agencies.filter((agency) => cy.getElementById(agency.id).empty()).map(agencyElement),
    ...links.filter((link) => cy.getElementById(link.id).empty()).map(linkElement),
  ]);
  applyFilters();
  refreshPathChoices();
  return added.nonempty();
}

/** Rings around the agency in focus: its partners on the first, theirs on the next, and so on. */
function layout(around) {
  const large = cy.nodes().length > LARGE_GRAPH;
  // Cytoscape draws straight "haystack" edges much faster than curves.
  cy.style()
    .selector("node").style("label", large ? "" : "data(label)")
    .selector("edge").style({ "curve-style": large ? "haystack" : "bezier", "haystack-radius": 0 })
    .update();
  const distances = distanceFrom(around);
  cy.layout({
    name: "concentric",
    concentric: (node) => -(distances[node.id()] ?? 99),
    levelWidth: () => 1,
    minNodeSpacing: large ? 4 : 36,
    animate: false,
    fit: true,
    padding: 30,
  }).run();
}

function distanceFrom(id) {
  const distances = {};
  if (!id) return distances;
  cy.elements().bfs({ roots: cy.getElementById(id), visit: (node, _edge, _previous, _index, depth) => { distances[node.id()] = depth; } });
  return distances;
}

async function showNeighbourhood(agencyId, depth) {
  const data = await graphql(
    `query Neighbourhood($id: ID!, $depth: Int!) {
       agency(id: $id) { neighbourhood(depth: $depth, status: null) { nodes { ${AGENCY_FIELDS} } edges { ${LINK_FIELDS} } } }
     }`,
    { id: agencyId, depth },
  );
  const graph = data.agency?.neighbourhood;
  if (!graph) return;
  draw(graph.nodes, graph.edges);
  cy.nodes().removeClass("focus");
  cy.getElementById(agencyId).addClass("focus");
  layout(agencyId);
  await showAgency(agencyId);
}

async function showAgency(agencyId) {
  const panel = document.getElementById("agency");
  const { agency } = await graphql(
    `query Agency($id: ID!) {
       agency(id: $id) { id name shortName kind jurisdiction description
         news(first: 5) { title summary publicationDate } partners { id } }
     }`,
    { id: agencyId },
  );
  if (!agency) return;
  const [kindLabel] = KINDS[agency.kind] ?? KINDS.OTHER;
  panel.replaceChildren(
    element("h2", fullName(agency)),
    element("p", agency.jurisdiction ? `${kindLabel} · ${agency.jurisdiction.replaceAll("_", " ").toLowerCase()}` : kindLabel, "kind"),
    element("p", agency.description ?? "The source says nothing more about it.", agency.description ? "" : "hint"),
    element("p", `${agency.partners?.length ?? 0} partners`, "hint"),
    element("h3", "News"),
    agency.news?.length
      ? element("ul", agency.news.map((article) => element("li", [element("strong", article.title), document.createElement("br"), [article.publicationDate, article.summary].filter(Boolean).join(" · ")])))
      : element("p", "No news mentions it.", "hint"),
  );
}

async function showThreatLevel() {
  const banner = document.getElementById("threat");
  const { threatLevel } = await graphql("{ threatLevel { level meaning since } }");
  if (!threatLevel) return banner.replaceChildren(element("strong", "No threat level recorded"));
  banner.dataset.level = threatLevel.level;
  banner.replaceChildren(element("strong", `Threat level: ${threatLevel.level.toLowerCase()}`), threatLevel.meaning);
}

async function showShortestPath(from, to) {
  const output = document.getElementById("path-result");
  cy.elements().removeClass("on-path dimmed");
  const { shortestPath } = await graphql(
    `query Path($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to) { ${LINK_FIELDS} from { ${AGENCY_FIELDS} } to { ${AGENCY_FIELDS} } } }`,
    { from, to },
  );
  if (!shortestPath) {
    output.value = "No chain of active links joins them.";
    return;
  }
  if (draw(shortestPath.flatMap((link) => [link.from, link.to]), shortestPath)) layout(from);
  const path = cy.collection([cy.getElementById(from), cy.getElementById(to)]);
  for (const link of shortestPath) path.merge(cy.getElementById(link.id)).merge(cy.getElementById(link.from.id)).merge(cy.getElementById(link.to.id));
  path.addClass("on-path");
  cy.elements().not(path).addClass("dimmed");
  output.value = `${shortestPath.length} link${shortestPath.length === 1 ? "" : "s"}`;
}

function applyFilters() {
  const hiddenStatuses = unchecked("status-filter");
  const hiddenLinkKinds = unchecked("link-kind-filter");
  const hiddenKinds = unchecked("kind-filter");
  cy.batch(() => {
    cy.nodes().forEach((node) => node.toggleClass("filtered", hiddenKinds.has(node.data("kind"))));
    cy.edges().forEach((edge) =>
      edge.toggleClass("filtered", hiddenStatuses.has(edge.data("status")) || hiddenLinkKinds.has(edge.data("kind"))),
    );
  });
}

function unchecked(fieldsetId) {
  return new Set([...document.querySelectorAll(`#${fieldsetId} input:not(:checked)`)].map((input) => input.value));
}

/** Every agency the map has heard of, by the name its path inputs show. */
const agenciesByName = new Map();

function remember(agencies) {
  for (const agency of agencies) agenciesByName.set(fullName(agency), agency.id);
}

function refreshPathChoices() {
  remember(cy.nodes().map((node) => node.data()));
  const names = [...agenciesByName.keys()].sort((a, b) => a.localeCompare(b));
  document.getElementById("agency-choices").replaceChildren(...names.map((name) => new Option(name)));
}

async function searchAgencies(text, first) {
  const { agencies } = await graphql(
    `query Search($text: String, $first: Int) { agencies(search: $text, first: $first) { edges { node { ${AGENCY_FIELDS} } } } }`,
    { text: text || null, first },
  );
  const found = agencies.edges.map((edge) => edge.node);
  remember(found);
  return found;
}

/** The agency a path input names: one the map knows by that name, or the one agency a search for it finds. */
async function chosenAgency(input) {
  const text = input.value.trim();
  const known = agenciesByName.get(text);
  if (known) return known;
  const found = await searchAgencies(text, 2);
  if (found.length === 1) return found[0].id;
  throw new Error(found.length ? `More than one agency matches "${text}": pick one from the list.` : `No agency matches "${text}".`);
}

/** "Security Service (MI5)", or the name alone where the short name adds nothing. */
function fullName(agency) {
  return agency.shortName && agency.shortName !== agency.name ? `${agency.name} (${agency.shortName})` : agency.name;
}

function element(tag, content, className) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...(Array.isArray(content) ? content : [content]));
  return node;
}

function filterBox(fieldsetId, value, label, swatch) {
  const input = Object.assign(document.createElement("input"), { type: "checkbox", value, checked: true });
  input.addEventListener("change", applyFilters);
  const mark = element("span", "", swatch.className);
  mark.style.background = swatch.colour;
  document.getElementById(fieldsetId).append(element("label", [input, mark, label]));
}

for (const [status, label] of Object.entries(STATUSES)) {
  filterBox("status-filter", status, label, { className: status === "SUSPENDED" ? "swatch line dashed" : "swatch line", colour: "#264653" });
}
for (const [kind, [label, colour]] of Object.entries(LINK_KINDS)) filterBox("link-kind-filter", kind, label, { className: "swatch line", colour });
for (const [kind, [label, colour]] of Object.entries(KINDS)) filterBox("kind-filter", kind, label, { className: "swatch", colour });

const tokenInput = document.getElementById("token");
tokenInput.value = sessionStorage.getItem("liaison-token") ?? "";
tokenInput.addEventListener("change", () => {
  sessionStorage.setItem("liaison-token", tokenInput.value.trim().replace(/^Bearer\s+/i, ""));
  reporting(showThreatLevel);
});

const depthInput = document.getElementById("depth");
const results = document.getElementById("search-results");

document.getElementById("search").addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = document.getElementById("search-text").value.trim();
  const found = await reporting(() => searchAgencies(text, 10));
  if (!found) return;
  if (found.length === 1) {
    results.replaceChildren();
    return reporting(() => showNeighbourhood(found[0].id, Number(depthInput.value)));
  }
  results.replaceChildren(
    ...(found.length ? found : [{ name: "No agency matches." }]).map((agency) => {
      const button = element("button", fullName(agency));
      button.type = "button";
      button.dataset.slug = agency.slug ?? "";
      button.disabled = !agency.id;
      button.addEventListener("click", () => {
        results.replaceChildren();
        reporting(() => showNeighbourhood(agency.id, Number(depthInput.value)));
      });
      return element("li", button);
    }),
  );
});

document.getElementById("path").addEventListener("submit", (event) => {
  event.preventDefault();
  reporting(async () => {
    const [from, to] = await Promise.all([chosenAgency(document.getElementById("path-from")), chosenAgency(document.getElementById("path-to"))]);
    await showShortestPath(from, to);
  });
});

// As a name is typed, the list offers the agencies a search finds.
let typing;
for (const input of [document.getElementById("path-from"), document.getElementById("path-to")]) {
  input.addEventListener("input", () => {
    clearTimeout(typing);
    const text = input.value.trim();
    if (text.length < 2 || agenciesByName.has(text)) return;
    typing = setTimeout(() => reporting(() => searchAgencies(text, 10)).then(refreshPathChoices), 250);
  });
}

cy.on("tap", "node", (event) => reporting(() => showNeighbourhood(event.target.id(), 1)));
cy.on("tap", (event) => {
  if (event.target === cy) cy.elements().removeClass("on-path dimmed");
});

/** For tests and the console: the graph, and the map's actions. */
window.liaisonMap = {
  cy,
  draw,
  layout,
  showNeighbourhood,
  showShortestPath,
  ready: showThreatLevel().then(
    () => true,
    (error) => {
      document.getElementById("threat").replaceChildren(element("span", `Cannot reach the API: ${error.message}`, "error"));
      return false;
    },
  ),
};
