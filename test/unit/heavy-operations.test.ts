import { describe, expect, it } from "vitest";
import { HeavyOperationTurns } from "../../gateway/cost/heavy-operations.ts";

// Heavy operations take turns: a few at once, the rest in order of arrival.

describe("turns for heavy operations", () => {
  it("lets as many run at once as allowed, and the next in order when one ends", async () => {
    const turns = new HeavyOperationTurns(2);
    const started: string[] = [];
    const take = (name: string) => turns.take().then((end) => (started.push(name), end));
    const [endA] = await Promise.all([take("a"), take("b")]);
    const c = take("c");
    const d = take("d");
    await Promise.resolve();
    expect(started).toEqual(["a", "b"]);
    endA!();
    await c;
    expect(started).toEqual(["a", "b", "c"]);
    endA!(); // ending twice frees one turn only
    await Promise.resolve();
    expect(started).toEqual(["a", "b", "c"]);
    expect(d).toBeInstanceOf(Promise);
  });

  it("gives up the wait when the operation's signal aborts, leaving the queue to the rest", async () => {
    const turns = new HeavyOperationTurns(1);
    const end = await turns.take();
    const controller = new AbortController();
    const waiting = turns.take(controller.signal);
    const next = turns.take();
    controller.abort(new Error("deadline"));
    await expect(waiting).rejects.toThrow("deadline");
    end();
    await expect(next).resolves.toBeTypeOf("function");
  });
});
