import { describeErrorLine, testLogDestination } from "./test-logs.ts";

/**
 * Runs `work`, which provokes internal errors on purpose, keeping the errors
 * the test servers log from the test output, and answers them (message,
 * error and stack) for the test to check. Errors nobody provoked still print.
 */
export async function withErrorLog<T>(work: () => Promise<T>): Promise<{ result: T; logged: string[] }> {
  const previous = testLogDestination.capturing;
  const capturing = (testLogDestination.capturing = []);
  try {
    return { result: await work(), logged: capturing.map(describeErrorLine) };
  } finally {
    testLogDestination.capturing = previous;
  }
}
