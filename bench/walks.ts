import { writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { join } from "node:path";
import { gatewaySigningKey, internalTokenIssuer } from "../platform/auth/internal-token.ts";
import { ChangeFeed } from "../platform/changes/change-feed.ts";
import { prismaChangeLog } from "../platform/changes/change-log.ts";
import { createPrismaClient } from "../platform/database/prisma.ts";
import { AdjacencyIndex } from "../subgraphs/relationships/adjacency-index.ts";
import { findNeighbourhoods, findShortestPath, MAX_NEIGHBOURHOOD_DEPTH } from "../subgraphs/relationships/graph-store.ts";
import { neighbourhoodOf, shortestPathBetween } from "../subgraphs/relationships/memory-walks.ts";
import { subgraphs } from "../supergraph/registry.ts";
import { prepareDirectory, scaleLabel, seededRandom, type Scale } from "./directory.ts";
import { startProcess, stopAll, type BenchProcess } from "./processes.ts";
import { resultsDirectory } from "./report.ts";
import { SUBGRAPH_URLS_VARIABLE } from "./targets/subgraph-urls.ts";

export interface WalkBenchOptions {
  scales: Scale[];
  serverUrl: string | undefined;
  secrets: Readonly<Record<string, string>>;
  /** The caller's Authorization for the gateway. */
  headers: Record<string, string>;
  /** Walks timed per kind and layer (at most 50 of the slow SQL ones), after as many again to warm up. */
  walks: number;
  write: boolean;
}

interface Timing {
  walk: "neighbourhood depth 3" | "shortest path";
  layer: string;
  count: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  /** Mean agencies or links in an answer, to say how big the walks were. */
  meanSize: number;
}

/**
 * Graph walks for a single client, one at a time, from agencies picked at
 * random (the same every run): a neighbourhood to depth 3 (active links) and
 * a shortest path between two agencies. Timed at three layers, side by side
 * in one run: the recursive SQL of graph-store.ts and the adjacency index
 * in memory (both called in this process over the same database), then
 * end to end through Liaison's gateway to the relationships subgraph (which
 * answers from its index). Results in bench/results/walks.json and walks.md.
 */
export async function runWalkBench(options: WalkBenchOptions): Promise<void> {
  const results: { scale: string; agencies: number; links: number; timings: Timing[] }[] = [];
  const loadAverageBefore = loadavg()[0]!;
  for (const scale of options.scales) {
    const label = scaleLabel(scale);
    console.log(`\n== walks at scale ${label}: preparing a fresh database`);
    const database = await prepareDirectory(scale, { serverUrl: options.serverUrl });
    const links = database.rows["relationships.relationship"] ?? 0;
    console.log(`   ${database.rows["agencies.agency"]} agencies, ${links} links (${database.secondsToPrepare.toFixed(1)} s)`);
    const dropOnInterrupt = () => void database.dispose().finally(() => process.exit(130));
    process.once("SIGINT", dropOnInterrupt);
    const prisma = createPrismaClient(database.url, { poolSize: 2 });
    const processes: BenchProcess[] = [];
    try {
      const ids = (await prisma.agency.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((row) => row.id);
      const random = seededRandom(20_261_202);
      const pick = () => ids[Math.floor(random() * ids.length)]!;
      const roots = Array.from({ length: options.walks * 2 }, pick);
      const pairs = Array.from({ length: options.walks * 2 }, () => [pick(), pick()] as const);
      const timings: Timing[] = [];
      // The recursive SQL takes hundreds of milliseconds a walk at this size: fewer of them.
      const sqlWalks = Math.min(options.walks, 50);
      const time = async (walk: Timing["walk"], layer: string, run: (index: number) => Promise<number>, count = options.walks) => {
        const timing = await timeEach(walk, layer, count, run);
        console.log(
          `   ${walk.padEnd(22)} ${layer.padEnd(34)} p50 ${timing.p50Ms.toFixed(2).padStart(7)} ms  ` +
            `p99 ${timing.p99Ms.toFixed(2).padStart(7)} ms  (mean size ${timing.meanSize.toFixed(0)})`,
        );
        timings.push(timing);
      };

      await time("neighbourhood depth 3", "SQL (recursive, graph-store.ts)", async (index) => {
        const [walked] = await findNeighbourhoods(prisma, [roots[index]!], MAX_NEIGHBOURHOOD_DEPTH, "ACTIVE");
        return walked!.nodeIds.length;
      }, sqlWalks);
      await time("shortest path", "SQL (recursive, graph-store.ts)", async (index) => {
        const [from, to] = pairs[index]!;
        return (await findShortestPath(prisma, from, to, "ACTIVE"))?.length ?? 0;
      }, sqlWalks);

      const feed = await ChangeFeed.start({ log: prismaChangeLog(prisma) });
      const started = performance.now();
      const adjacency = await AdjacencyIndex.start(prisma, feed);
      console.log(`   the adjacency index read ${adjacency.size} links in ${((performance.now() - started) / 1000).toFixed(2)} s`);
      try {
        await time("neighbourhood depth 3", "adjacency index (memory-walks.ts)", async (index) => {
          await adjacency.current();
          return neighbourhoodOf(adjacency, roots[index]!, MAX_NEIGHBOURHOOD_DEPTH, "ACTIVE").nodeIds.length;
        });
        await time("shortest path", "adjacency index (memory-walks.ts)", async (index) => {
          await adjacency.current();
          const [from, to] = pairs[index]!;
          return shortestPathBetween(adjacency, from, to, "ACTIVE")?.length ?? 0;
        });
      } finally {
        await adjacency.stop();
        await feed.stop();
      }

      for (const subgraph of subgraphs) {
        processes.push(
          await startProcess({
            entry: "subgraph-server.ts",
            name: subgraph.name,
            args: [subgraph.name],
            env: { ...options.secrets, DATABASE_URL: database.url },
          }),
        );
      }
      const relationships = processes.find((each) => each.name === "relationships")!;
      const gateway = await startProcess({
        entry: "targets/liaison.ts",
        name: "gateway",
        env: {
          ...options.secrets,
          DATABASE_URL: database.url,
          [SUBGRAPH_URLS_VARIABLE]: JSON.stringify(Object.fromEntries(processes.map((each) => [each.name, each.url]))),
        },
      });
      processes.push(gateway);

      const signingKey = await gatewaySigningKey(options.secrets.GATEWAY_SIGNING_KEY);
      // Internal tokens live a minute; the issuer renews its token as a gateway does.
      const issueToken = internalTokenIssuer(signingKey);
      await time("neighbourhood depth 3", "relationships subgraph over HTTP", async (index) => {
        const token = await issueToken({ subject: "bench", roles: ["reader"] }, "relationships");
        const data = await post(relationships.url, { authorization: `Bearer ${token}` }, SUBGRAPH_NEIGHBOURHOOD, {
          representations: [{ __typename: "Agency", id: roots[index] }],
        });
        return data._entities[0].neighbourhood.nodes.length;
      });
      await time("neighbourhood depth 3", "gateway (agency, then its walk)", async (index) => {
        const data = await post(gateway.url, options.headers, GATEWAY_NEIGHBOURHOOD, { id: roots[index] });
        return data.agency.neighbourhood.nodes.length;
      });
      await time("shortest path", "gateway", async (index) => {
        const [from, to] = pairs[index]!;
        const data = await post(gateway.url, options.headers, GATEWAY_PATH, { from, to });
        return data.shortestPath?.length ?? 0;
      });
      results.push({ scale: label, agencies: ids.length, links, timings });
    } finally {
      await stopAll(processes);
      await prisma.$disconnect();
      process.off("SIGINT", dropOnInterrupt);
      await database.dispose();
    }
  }
  if (options.write) {
    const json = join(resultsDirectory, "walks.json");
    const markdown = join(resultsDirectory, "walks.md");
    const run = {
      at: new Date().toISOString(),
      walksTimed: options.walks,
      database: options.serverUrl ? "server" : "embedded",
      loadAverage: `${loadAverageBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`,
      results,
    };
    await writeFile(json, JSON.stringify(run, null, 2) + "\n");
    await writeFile(markdown, walksMarkdown(run));
    console.log(`\nWrote ${json}, ${markdown}`);
  }
}

// Straight to the subgraph: an Agency entity's neighbourhood, as the gateway asks for it.
const SUBGRAPH_NEIGHBOURHOOD = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Agency { neighbourhood(depth: ${MAX_NEIGHBOURHOOD_DEPTH}) { nodes { id } edges { id kind status from { id } to { id } } } }
  }
}`;
const GATEWAY_NEIGHBOURHOOD = `query($id: ID!) {
  agency(id: $id) { neighbourhood(depth: ${MAX_NEIGHBOURHOOD_DEPTH}) { nodes { id } edges { id kind status from { id } to { id } } } }
}`;
const GATEWAY_PATH = `query($from: ID!, $to: ID!) {
  shortestPath(from: $from, to: $to) { id kind status from { id } to { id } }
}`;

async function post(url: string, headers: Record<string, string>, query: string, variables: Record<string, unknown>): Promise<any> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: { message: string }[] };
  if (!response.ok || body.errors?.length) {
    throw new Error(`The walk failed (HTTP ${response.status}): ${body.errors?.map((error) => error.message).join("; ")}`);
  }
  return body.data;
}

async function timeEach(walk: Timing["walk"], layer: string, count: number, run: (index: number) => Promise<number>): Promise<Timing> {
  for (let index = 0; index < count; index++) await run(count + index);
  const durations: number[] = [];
  let size = 0;
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    size += await run(index);
    durations.push(performance.now() - started);
  }
  durations.sort((a, b) => a - b);
  const at = (fraction: number) => durations[Math.min(durations.length - 1, Math.ceil(fraction * durations.length) - 1)]!;
  return {
    walk,
    layer,
    count,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    meanMs: durations.reduce((sum, each) => sum + each, 0) / durations.length,
    meanSize: size / count,
  };
}

function walksMarkdown(run: { at: string; walksTimed: number; database: string; loadAverage: string; results: { scale: string; agencies: number; links: number; timings: Timing[] }[] }): string {
  const lines = [
    "# Graph walks: a single client, one walk at a time",
    "",
    `Run ${run.at} on a Postgres ${run.database}: ${run.walksTimed} walks timed per row, at most 50 for SQL (as many before them to warm up), ` +
      "each from agencies picked at random, the same every run; active links only. Regenerate with `npm run bench -- --walks`.",
    `Load average ${run.loadAverage} (1 minute, start → end): on a busy machine every figure grows, the tail most.`,
    "Size is the mean number of agencies in a neighbourhood, or of links in a path.",
  ];
  for (const result of run.results) {
    lines.push(
      "",
      `## Scale ${result.scale}: ${result.agencies} agencies, ${result.links} links`,
      "",
      "| walk | answered by | p50 ms | p99 ms | mean ms | size |",
      "| :-- | :-- | --: | --: | --: | --: |",
      ...result.timings.map(
        (t) => `| ${t.walk} | ${t.layer} | ${t.p50Ms.toFixed(2)} | ${t.p99Ms.toFixed(2)} | ${t.meanMs.toFixed(2)} | ${t.meanSize.toFixed(0)} |`,
      ),
    );
  }
  return lines.join("\n") + "\n";
}
