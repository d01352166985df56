import { existsSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";

// The Dockerfile cannot be built here (no Docker engine), so this reads it:
// the image that runs must start Node itself as a non-root user, check its
// own health, and hold every file its commands load.

const root = new URL("../../", import.meta.url).pathname;
const dockerfile = readFileSync(join(root, "Dockerfile"), "utf8");
const stages = dockerfile.split(/^FROM /m).slice(1);
const runtime = stages.at(-1)!;
const instructions = (stage: string, name: string) =>
  [...stage.matchAll(new RegExp(`^${name} (.+)$`, "gm"))].map((match) => match[1]!.trim());

/** Every command the image is run with, by compose or Kubernetes. */
const entryPoints = [
  "scripts/serve-gateway.ts",
  "scripts/serve-subgraph.ts",
  "scripts/prepare-database.ts",
  "scripts/probe.ts",
];

/** The project's own files a module loads, followed through relative imports and the registry's lazy imports. */
function loadedFiles(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const pending = [...entries];
  while (pending.length) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(join(root, file), "utf8");
    for (const [, specifier] of source.matchAll(/(?:from|import\()\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      const target = normalize(join(dirname(file), specifier!));
      if (target.endsWith(".ts") && existsSync(join(root, target))) pending.push(target);
    }
  }
  return seen;
}

describe("the container image", () => {
  it("builds in stages and installs production dependencies only in the one that runs", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const installs = stages.flatMap((stage) => instructions(stage, "RUN")).filter((run) => run.includes("npm ci"));
    const copiedModules = instructions(runtime, "COPY").find((copy) => copy.includes("node_modules"));
    expect(copiedModules).toMatch(/^--from=(\S+)/);
    const source = stages.find((stage) => stage.includes(` AS ${copiedModules!.match(/^--from=(\S+)/)![1]}`))!;
    expect(instructions(source, "RUN").join("\n")).toContain("npm ci --omit=dev");
    expect(installs.some((run) => !run.includes("--omit=dev"))).toBe(true);
    expect(instructions(runtime, "RUN")).toEqual([]);
  });

  it("runs Node itself, not npm or a shell, as a user other than root, and checks its health", () => {
    const [command] = instructions(runtime, "CMD");
    expect(JSON.parse(command!)[0]).toBe("node");
    const [user] = instructions(runtime, "USER");
    expect(user).toBeDefined();
    expect(["root", "0"]).not.toContain(user);
    const [healthcheck] = instructions(runtime, "HEALTHCHECK");
    expect(healthcheck).toMatch(/CMD \["node", "scripts\/probe\.ts"\]$/);
  });

  it("holds every file its commands load", () => {
    // What each COPY puts in /app: its target folder, or the files it names.
    const copied = instructions(runtime, "COPY").flatMap((copy) => {
      const paths = copy.split(/\s+/).filter((token) => !token.startsWith("--"));
      const target = paths.pop()!;
      return target === "./" ? paths : [target.replace(/^\.\//, "")];
    });
    const missing = [...loadedFiles(entryPoints)].filter(
      (file) => !copied.some((path) => file === path || file.startsWith(`${path}/`)),
    );
    expect(missing).toEqual([]);
    expect(loadedFiles(entryPoints).size).toBeGreaterThan(50);
  });
});
