import { statfsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

// A Postgres data directory is about a thousand files and 40 MB: copying
// one onto disk takes 0.5–1 s, into memory 40 ms, and test files copy
// dozens. Containers often give /dev/shm only 64 MB, hence the room check.
const IN_MEMORY = "/dev/shm";
const ROOM_NEEDED = 2 ** 30;

function hasRoom(path: string): boolean {
  try {
    const { bavail, bsize } = statfsSync(path);
    return bavail * bsize >= ROOM_NEEDED;
  } catch {
    return false;
  }
}

const root = hasRoom(IN_MEMORY) ? IN_MEMORY : tmpdir();

/** A new folder for data a test throws away: in memory where the machine has room for it, else in the temporary folder. */
export function scratchDirectory(prefix: string): Promise<string> {
  return mkdtemp(join(root, prefix));
}
