import { describe, expect, it } from "vitest";
import { catchUpTo, LatestCommitted } from "../../platform/changes/changes-through.ts";
import type { ChangeFeed } from "../../platform/changes/change-feed.ts";

describe("LatestCommitted", () => {
  it("makes callers arriving during a read wait for the next, which they share", async () => {
    let reads = 0;
    const answers: ((sequence: bigint) => void)[] = [];
    const latest = new LatestCommitted(() => {
      reads++;
      return new Promise<bigint>((resolve) => answers.push(resolve));
    });
    const first = latest.sequence();
    const later = [latest.sequence(), latest.sequence()];
    expect(reads).toBe(1);
    answers[0]!(5n);
    expect(await first).toBe(5n);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(reads).toBe(2);
    answers[1]!(7n);
    expect(await Promise.all(later)).toEqual([7n, 7n]);
    expect(reads).toBe(2);
  });
});

describe("catchUpTo", () => {
  const feedAt = (position: bigint) => {
    const calls: string[] = [];
    return { feed: { position, catchUp: async () => void calls.push("catchUp") } as unknown as ChangeFeed, calls };
  };

  it("catches up only when the named sequence is ahead, and ignores what is not a sequence", async () => {
    for (const [named, expected] of [
      ["9", ["catchUp"]],
      ["5", []],
      ["4", []],
      ["-1", []],
      ["9e9", []],
      [undefined, []],
      [["9", "9"], []],
    ] as const) {
      const { feed, calls } = feedAt(5n);
      await catchUpTo(feed, named as string | string[] | undefined);
      expect(calls, String(named)).toEqual(expected);
    }
  });
});
