import { expect } from "vitest";

/** The scrape of a server's /metrics, as sample name with labels → value. */
export async function scrape(url: string): Promise<Map<string, number>> {
  const response = await fetch(new URL("/metrics", url));
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const at = line.lastIndexOf(" ");
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

export const sample = (samples: Map<string, number>, name: string) => samples.get(name) ?? 0;
