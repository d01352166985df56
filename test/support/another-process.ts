import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { WriteFromAnotherProcess } from "./write-from-another-process.ts";

const execFileAsync = promisify(execFile);
const writer = fileURLToPath(new URL("./write-from-another-process.ts", import.meta.url));

/** Runs `write` in a process of its own against `databaseUrl`, as another replica would; answers what it wrote. */
export async function writeFromAnotherProcess<Written = { id: string }>(
  databaseUrl: string,
  write: WriteFromAnotherProcess,
  input: Record<string, unknown>,
): Promise<Written> {
  const { stdout } = await execFileAsync(process.execPath, [writer, databaseUrl, write, JSON.stringify(input)]);
  return JSON.parse(stdout) as Written;
}
