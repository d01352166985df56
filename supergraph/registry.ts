import type { SubgraphDefinition } from "../platform/subgraph.ts";

/**
 * One subgraph of the supergraph. Its `name` also names its SDL
 * (`schema/<name>.graphql`), its folder (`subgraphs/<name>/`), its Prisma
 * file (`prisma/schema/<name>.prisma`) and the Postgres schema its tables
 * live in. Its code is loaded only when asked for, so reading this list
 * (codegen, composition, the gateway's tooling) loads no resolvers.
 */
export interface SubgraphEntry {
  readonly name: string;
  /** Where it listens unless `<NAME>_PORT` says otherwise. */
  readonly port: number;
  load(): Promise<{ subgraph: SubgraphDefinition }>;
  /**
   * How long the gateway's response cache may keep this subgraph's answers:
   * until a change of one of these entity types (every write goes through
   * `auditedWrite`, which records it on the change feed), or until any
   * change at all for a subgraph that reads the audit trail. Left out, its
   * answers are never kept; never give it for a subgraph whose answers
   * change any other way (a clock, another service).
   */
  readonly cachedUntilChangeOf?: readonly string[] | "any change";
}

/**
 * Every subgraph, and the one list of them. Start-up, composition, codegen,
 * seeding, the Prisma client's schemas, docker-compose.yml, the Kubernetes
 * manifests, the README's port table, tests and benchmarks all read it or
 * are derived from it (`npm run compose`; a test fails when a derived file
 * is stale). Seeds run in this order: a subgraph's seed may refer to rows
 * seeded before it.
 */
export const subgraphs = [
  { name: "agencies", port: 4001, load: () => import("../subgraphs/agencies/index.ts"), cachedUntilChangeOf: ["Agency"] },
  {
    name: "relationships",
    port: 4002,
    load: () => import("../subgraphs/relationships/index.ts"),
    cachedUntilChangeOf: ["Relationship"],
  },
  { name: "news", port: 4003, load: () => import("../subgraphs/news/index.ts"), cachedUntilChangeOf: ["NewsArticle"] },
  { name: "threat", port: 4004, load: () => import("../subgraphs/threat/index.ts"), cachedUntilChangeOf: ["ThreatAssessment"] },
  { name: "audit", port: 4005, load: () => import("../subgraphs/audit/index.ts"), cachedUntilChangeOf: "any change" },
] as const satisfies readonly SubgraphEntry[];

export type SubgraphName = (typeof subgraphs)[number]["name"];

export interface LoadedSubgraph extends SubgraphDefinition {
  readonly port: number;
}

/** Every subgraph's definition, in registry order. */
export function loadSubgraphs(): Promise<LoadedSubgraph[]> {
  return Promise.all(subgraphs.map(async ({ port, load }) => ({ ...(await load()).subgraph, port })));
}

/** `npm start`'s port settings, each 0: every server takes a free port as it listens. */
export function anyFreePorts(): Record<string, string> {
  return Object.fromEntries([["PORT", "0"], ...subgraphs.map(({ name }) => [`${name.toUpperCase()}_PORT`, "0"])]);
}

/** The registry entry named `name`, or undefined. */
export function findSubgraph(name: string): SubgraphEntry | undefined {
  return subgraphs.find((entry) => entry.name === name);
}
