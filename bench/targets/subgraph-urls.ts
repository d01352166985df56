import { requireEnv } from "../child.ts";

/** Environment variable that hands gateway targets the subgraphs' URLs, by name. */
export const SUBGRAPH_URLS_VARIABLE = "BENCH_SUBGRAPH_URLS";

export function subgraphUrlsFromEnv(): Record<string, string> {
  return JSON.parse(requireEnv(SUBGRAPH_URLS_VARIABLE)) as Record<string, string>;
}

/**
 * The supergraph with each subgraph's `@join__graph(url:)` replaced by where
 * the bench's subgraph of that name listens.
 */
export function pointSupergraphAt(supergraphSdl: string, urls: Readonly<Record<string, string>>): string {
  const seen = new Set<string>();
  const rewritten = supergraphSdl.replace(
    /@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g,
    (whole, name: string) => {
      const url = urls[name];
      if (!url) return whole;
      seen.add(name);
      return `@join__graph(name: "${name}", url: "${url}")`;
    },
  );
  const missing = Object.keys(urls).filter((name) => !seen.has(name));
  if (missing.length) throw new Error(`The supergraph has no join__graph for ${missing.join(", ")}`);
  return rewritten;
}
