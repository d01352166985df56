import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { persistedOperations, readManifest } from "../../gateway/persisted-operations.ts";
import { ConfigError, readBrowserSettings } from "../../platform/config.ts";

const folder = mkdtempSync(join(tmpdir(), "liaison-manifest-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function manifestFile(content: string): string {
  const path = join(folder, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, content);
  return path;
}

describe("a persisted query manifest", () => {
  it("is read as Apollo's generator writes it", () => {
    const path = manifestFile(JSON.stringify({
      format: "apollo-persisted-query-manifest",
      version: 1,
      operations: [{ id: "abc", name: "Banner", type: "query", body: "query Banner { threatLevel { level } }" }],
    }));
    expect(readManifest(path)).toEqual([{ id: "abc", name: "Banner", type: "query", body: "query Banner { threatLevel { level } }" }]);
  });

  it.each([
    ["not JSON", "{"],
    ["another format", JSON.stringify({ format: "relay", version: 1, operations: [] })],
    ["another version", JSON.stringify({ format: "apollo-persisted-query-manifest", version: 2, operations: [] })],
    ["an operation without a body", JSON.stringify({ format: "apollo-persisted-query-manifest", version: 1, operations: [{ id: "x" }] })],
  ])("is refused at start-up when it is %s", (_what, content) => {
    expect(() => readManifest(manifestFile(content))).toThrow(ConfigError);
  });

  it("is refused at start-up when it gives an id of another manifest to another operation", () => {
    const manifest = (body: string) =>
      manifestFile(JSON.stringify({ format: "apollo-persisted-query-manifest", version: 1, operations: [{ id: "banner", body }] }));
    const first = manifest("query Banner { threatLevel { level } }");
    const same = manifest("query Banner { threatLevel { level } }");
    const other = manifest("query Banner { threatLevel { level description } }");
    expect(persistedOperations({ manifests: [first, same], safelistOnly: true }).admits("query Banner { threatLevel { level } }")).toBe(true);
    expect(() => persistedOperations({ manifests: [first, other], safelistOnly: false })).toThrow(/"banner" names two different operations/);
  });

  it("is needed to accept only safelisted operations", () => {
    expect(() => readBrowserSettings({ PERSISTED_OPERATIONS_ONLY: "true" }, "production")).toThrow(/needs PERSISTED_OPERATIONS/);
    expect(readBrowserSettings({ PERSISTED_OPERATIONS: "a.json, b.json", PERSISTED_OPERATIONS_ONLY: "true" }, "production").persistedOperations)
      .toEqual({ manifests: ["a.json", "b.json"], safelistOnly: true });
  });
});
