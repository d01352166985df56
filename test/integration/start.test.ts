import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import { createServer } from "node:net";
import { once } from "node:events";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anyFreePorts } from "../../supergraph/registry.ts";
import { postGraphQL } from "../support/test-supergraph.ts";
import { freePort, startLiaisonProcess } from "../support/start-process.ts";
import { scratchDirectory } from "../support/scratch-directory.ts";

let dataDir: string;

beforeAll(async () => {
  dataDir = await scratchDirectory("liaison-start-");
  // Made after every install; at once when it is there already.
  await promisify(execFile)(process.execPath, ["scripts/make-embedded-template.ts"]);
}, 120_000);
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe("npm start on embedded Postgres", () => {
  it("starts a new database from the install's template, serves, stops on Ctrl-C, and keeps its data for the next start", async () => {
    const env = { ...anyFreePorts(), LIAISON_DATA_DIR: dataDir };
    const first = startLiaisonProcess(env);
    const [, url] = await first.waitFor(/Liaison is serving (http[^\s"]+)/);
    expect(first.output()).toContain("Copied the new embedded database from its template, migrated and seeded.");
    expect(first.output()).not.toContain("Applied migrations");
    expect(first.output()).not.toContain("Seeded");
    const answer = await postGraphQL(url!, `{ agency(slug: "mi5") { shortName } }`);
    expect(answer.body).toEqual({ data: { agency: { shortName: "MI5" } } });
    // An operator's log: JSON lines, one per request, each naming its request.
    await first.waitFor(/"msg":"request"/);
    const requestLine = first.output().split("\n").filter((line) => line.startsWith("{")).map((line) => JSON.parse(line))
      .find((line) => line.msg === "request" && line.service === "gateway");
    expect(requestLine).toMatchObject({ requestId: expect.any(String), path: "/graphql", status: 200, level: 30 });
    first.child.kill("SIGINT");
    expect(await first.exited()).toBe(0);

    const second = startLiaisonProcess(env);
    const [, secondUrl] = await second.waitFor(/Liaison is serving (http[^\s"]+)/);
    expect(second.output()).not.toContain("Applied migrations");
    expect(second.output()).not.toContain("Seeded");
    const count = await postGraphQL(secondUrl!, `{ agencies { totalCount } }`);
    expect(count.body.data.agencies.totalCount).toBeGreaterThan(15);
    second.child.kill("SIGTERM");
    expect(await second.exited()).toBe(0);
  }, 180_000);
});

describe("npm start failures", () => {
  it("explains a port already in use in one line", async () => {
    const blocker = createServer().listen(0, "127.0.0.1");
    await once(blocker, "listening");
    const busyPort = (blocker.address() as { port: number }).port;
    try {
      const liaison = startLiaisonProcess({ ...anyFreePorts(), AGENCIES_PORT: String(busyPort), LIAISON_DATA_DIR: dataDir });
      expect(await liaison.exited()).toBe(1);
      const lines = liaison.output().trim().split("\n");
      expect(lines.at(-1)).toBe(`liaison: Port ${busyPort} is already in use; stop what holds it or choose another port (PORT, <SUBGRAPH>_PORT).`);
      expect(liaison.output()).not.toMatch(/^\s+at /m);
    } finally {
      blocker.close();
    }
  }, 60_000);

  it("explains an unreachable database in one line", async () => {
    const closedPort = await freePort();
    const liaison = startLiaisonProcess({ ...anyFreePorts(), DATABASE_URL: `postgresql://postgres@127.0.0.1:${closedPort}/liaison` });
    expect(await liaison.exited()).toBe(1);
    expect(liaison.output().trim()).toBe(
      `liaison: Cannot reach the database at 127.0.0.1:${closedPort} (ECONNREFUSED); check DATABASE_URL.`,
    );
  }, 60_000);

  it("stops, saying why, when embedded Postgres's process is killed under it", async () => {
    const liaison = startLiaisonProcess({ ...anyFreePorts(), LIAISON_DATA_DIR: dataDir });
    await liaison.waitFor(/Liaison is serving/);
    const { stdout } = await promisify(execFile)("pgrep", ["-P", String(liaison.child.pid), "-f", "embedded-postgres-process"]);
    process.kill(Number(stdout.trim()), "SIGKILL");
    expect(await liaison.exited()).toBe(1);
    expect(liaison.output()).toContain(
      "Embedded Postgres's process killed by SIGKILL; Liaison cannot serve without it and stops.",
    );
  }, 60_000);

  it("explains a malformed setting in one line", async () => {
    const liaison = startLiaisonProcess({ PORT: "forty", LIAISON_DATA_DIR: dataDir });
    expect(await liaison.exited()).toBe(1);
    expect(liaison.output().trim()).toBe('liaison: PORT must be a port number (0-65535), not "forty".');
  }, 60_000);
});
