import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { deadlineSignal } from "../../platform/http/deadline-signal.ts";

describe("deadlineSignal", () => {
  it("aborts with a TimeoutError once its time has passed", async () => {
    const { signal } = deadlineSignal(5);
    await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
    expect(signal.reason).toMatchObject({ name: "TimeoutError" });
  });

  it("aborts with the other signal's reason when that aborts first, or had already", () => {
    const other = new AbortController();
    const { signal } = deadlineSignal(60_000, other.signal);
    other.abort(new Error("too large"));
    expect(signal.reason).toEqual(new Error("too large"));
    expect(deadlineSignal(60_000, other.signal).signal.reason).toEqual(new Error("too large"));
  });

  it("once ended, leaves no listener on the other signal and never aborts", async () => {
    const other = new AbortController();
    const deadline = deadlineSignal(5, other.signal);
    expect(getEventListeners(other.signal, "abort")).toHaveLength(1);
    deadline.end();
    expect(getEventListeners(other.signal, "abort")).toHaveLength(0);
    other.abort();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(deadline.signal.aborted).toBe(false);
  });
});
