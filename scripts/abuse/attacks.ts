/**
 * Operations an attacker with a reader's token might send to make the
 * gateway, the subgraphs or Postgres do unbounded work. The abuse script
 * runs them against a running Liaison; test/integration/adversarial-cost.test.ts
 * asserts that each is refused, or bounded, and that the servers keep
 * answering.
 */
export interface Attack {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** What the gateway must answer: refused before any subgraph is called, or run within its limits. */
  expected: "refused" | "admitted";
}

/** `inner` nested `times` deep inside `wrap` (whose `{}` marks where). */
function nest(times: number, wrap: string, inner: string): string {
  let query = inner;
  for (let level = 0; level < times; level++) query = wrap.replace("{}", query);
  return query;
}

/** The agencies within three links, nested five times inside themselves. */
export const NESTED_WALKS = `{ agency(slug: "mi5") { ${nest(5, "neighbourhood(depth: 3) { nodes { slug {} } }", "id")} } }`;

export const ATTACKS: readonly Attack[] = [
  { name: "walks nested in walks", query: NESTED_WALKS, expected: "refused" },
  {
    name: "partners nested 7 deep",
    query: `{agency(slug:"mi5"){${nest(7, "partners{slug {}}", "id")}}}`,
    expected: "refused",
  },
  {
    name: "relationships' ends nested 5 deep",
    query: `{agency(slug:"mi5"){${nest(5, "relationships{to{slug {}}}", "id")}}}`,
    expected: "refused",
  },
  {
    name: "full pages of news mentioning agencies' news",
    query: `{news(first:100){edges{node{mentions{news(first:100){mentions{news(first:100){title}}}}}}}}`,
    expected: "refused",
  },
  {
    name: "page sizes in variables",
    query: `query($n:Int){agencies(first:$n){edges{node{partners{partners{partners{slug}}}}}}}`,
    variables: { n: 100 },
    expected: "refused",
  },
  {
    name: "thirty aliases of a walk",
    query: `{${Array.from({ length: 30 }, (_, i) => `a${i}:agency(slug:"mi5"){neighbourhood(depth:3){nodes{slug name} edges{kind}}}`).join(" ")}}`,
    expected: "refused",
  },
  {
    name: "the largest walk admitted",
    query: `{agency(slug:"mi5"){neighbourhood(depth:3,status:null){nodes{id slug name shortName kind} edges{id kind closeness status mutual since from{id} to{id}}}}}`,
    expected: "admitted",
  },
  {
    name: "a full page of agencies with their partners' partners",
    query: `{agencies(first:100){edges{node{slug partners{slug partners{slug}}}}}}`,
    expected: "refused",
  },
  {
    name: "half a page of agencies with their partners' partners",
    query: `{agencies(first:50){edges{node{slug partners{slug partners{slug}}}}}}`,
    expected: "admitted",
  },
];
