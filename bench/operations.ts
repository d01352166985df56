/**
 * The operations every target serves, with their variables. The GraphQL
 * targets get the document; the SQL floor dispatches on `operationName` and
 * answers the same JSON by hand (bench/targets/sql-floor.ts).
 */
export interface Operation {
  /** Short id used in tables, files and the SQL floor. */
  readonly id: OperationId;
  readonly title: string;
  /** Subgraphs the operation reads from; it runs only when all are registered. */
  readonly subgraphs: readonly string[];
  readonly operationName: string;
  readonly query: string;
  readonly variables: Readonly<Record<string, unknown>>;
}

export type OperationId = "dashboard" | "explorer" | "list" | "lookup";

/** Every agency of the page exists at every scale; generated ones link to it too. */
export const FOCUS_AGENCY = "mi5";

export const operations: readonly Operation[] = [
  {
    id: "dashboard",
    title: "(a) dashboard: threat level, an agency's partners with names, latest news mentioning it",
    subgraphs: ["agencies", "relationships", "news", "threat"],
    operationName: "BenchDashboard",
    query: /* GraphQL */ `
      query BenchDashboard($slug: String!) {
        threatLevel { level since }
        agency(slug: $slug) {
          id
          name
          partners { id slug name }
          news(first: 5) { slug title publishedAt }
        }
      }
    `,
    variables: { slug: FOCUS_AGENCY },
  },
  {
    id: "explorer",
    title: "(b) explorer: an agency's neighbourhood to depth 2",
    subgraphs: ["agencies", "relationships"],
    operationName: "BenchExplorer",
    query: /* GraphQL */ `
      query BenchExplorer($slug: String!) {
        agency(slug: $slug) {
          id
          neighbourhood(depth: 2) {
            nodes { id slug name }
            edges { id kind status from { id } to { id } }
          }
        }
      }
    `,
    variables: { slug: FOCUS_AGENCY },
  },
  {
    id: "list",
    title: "(c) list: 50 agencies with their relationships and partner names",
    subgraphs: ["agencies", "relationships"],
    operationName: "BenchList",
    query: /* GraphQL */ `
      query BenchList($first: Int!) {
        agencies(first: $first) {
          edges {
            node {
              id
              name
              relationships(direction: OUTGOING) { kind status to { name } }
            }
          }
        }
      }
    `,
    variables: { first: 50 },
  },
  {
    id: "lookup",
    title: "(d) single-subgraph lookup: one agency by slug",
    subgraphs: ["agencies"],
    operationName: "BenchLookup",
    query: /* GraphQL */ `
      query BenchLookup($slug: String!) {
        agency(slug: $slug) { id slug name shortName kind jurisdiction description }
      }
    `,
    variables: { slug: FOCUS_AGENCY },
  },
];

export interface OperationPlan {
  run: Operation[];
  skipped: { operation: Operation; missing: string[] }[];
}

/** The operations whose subgraphs are all registered, and why the others are left out. */
export function planOperations(registered: readonly string[], wanted?: readonly string[]): OperationPlan {
  const plan: OperationPlan = { run: [], skipped: [] };
  for (const operation of operations) {
    if (wanted && !wanted.includes(operation.id)) continue;
    const missing = operation.subgraphs.filter((name) => !registered.includes(name));
    if (missing.length) plan.skipped.push({ operation, missing });
    else plan.run.push(operation);
  }
  return plan;
}

/** The JSON body a client posts for an operation. */
export function requestBody(operation: Operation): string {
  return JSON.stringify({
    operationName: operation.operationName,
    query: operation.query,
    variables: operation.variables,
  });
}
