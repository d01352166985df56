import { format } from "node:util";
import { vi } from "vitest";

/**
 * Runs `work`, which provokes internal errors on purpose, keeping what the
 * servers log with `console.error` from the test output, and answers it
 * (each call formatted as console.error would print it) for the test to
 * check. Errors nobody provoked still print.
 */
export async function withErrorLog<T>(work: () => Promise<T>): Promise<{ result: T; logged: string[] }> {
  const logged: string[] = [];
  const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    logged.push(format(...args));
  });
  try {
    return { result: await work(), logged };
  } finally {
    spy.mockRestore();
  }
}
