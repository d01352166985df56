import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext } from "../../subgraphs/threat/context.ts";
import { writeFromAnotherProcess } from "../support/another-process.ts";
import { startTestSupergraph, type TestSupergraph } from "../support/test-supergraph.ts";

// The threat subgraph answers `threatLevel` from each scope's current
// assessment held in memory (subgraphs/threat/current-levels.ts), kept fresh
// from the change feed; SQL is its fallback. The seed holds one assessment:
// NATIONAL, SEVERE, version 1.

let liaison: TestSupergraph;
let admin: string;

beforeAll(async () => {
  liaison = await startTestSupergraph();
  admin = await liaison.tokenFor("admin");
});
afterAll(() => liaison?.stop());

const LEVELS = /* GraphQL */ `{
  national: threatLevel(scope: NATIONAL) { level version reason }
  northernIreland: threatLevel(scope: NORTHERN_IRELAND) { level version reason }
}`;

async function levels() {
  const response = await liaison.query(LEVELS);
  expect(response.body.errors).toBeUndefined();
  return response.body.data as Record<"national" | "northernIreland", { level: string; version: number; reason: string } | null>;
}

function threatStatements(): string[] {
  return liaison.statements.filter((sql) => sql.includes("threat."));
}

describe("the current threat levels in memory", () => {
  it("answer every scope asked for with no SQL", async () => {
    liaison.statements.length = 0;
    expect(await levels()).toMatchObject({ national: { level: "SEVERE", version: 1 }, northernIreland: null });
    expect(threatStatements()).toEqual([]);
  });

  it("show a level this process set at once, without reading it back", async () => {
    const response = await liaison.query(
      `mutation($input: SetThreatLevelInput!) { setThreatLevel(input: $input) { version } }`,
      { input: { scope: "NORTHERN_IRELAND", level: "SUBSTANTIAL", reason: "Set here.", idempotencyKey: "current-levels-here" } },
      { token: admin },
    );
    expect(response.body.errors).toBeUndefined();
    liaison.statements.length = 0;
    expect((await levels()).northernIreland).toEqual({ level: "SUBSTANTIAL", version: 1, reason: "Set here." });
    expect(threatStatements()).toEqual([]);
  });

  it("follow a level set by another process", async () => {
    const input = { scope: "NATIONAL", level: "MODERATE", reason: "Set elsewhere.", expectedVersion: 1, idempotencyKey: "current-levels-elsewhere" };
    const written = await writeFromAnotherProcess<{ version: number }>(liaison.database.url, "set-threat-level", input);
    expect(written.version).toBe(2);
    await expect
      .poll(async () => (await levels()).national, { timeout: 15_000, interval: 100 })
      .toEqual({ level: "MODERATE", version: 2, reason: "Set elsewhere." });
  });

  it("are what SQL answers when no memory runs", async () => {
    const { currentAssessment } = createContext(liaison.prisma, undefined, undefined);
    const [national, northernIreland] = await Promise.all([currentAssessment.load("NATIONAL"), currentAssessment.load("NORTHERN_IRELAND")]);
    const fromMemory = await levels();
    expect({ national, northernIreland }).toMatchObject(fromMemory);
  });
});
