import type { DestinationStream } from "pino";
import { createLogger, type Logger } from "../../platform/observability/logger.ts";
import { Metrics } from "../../platform/observability/metrics.ts";
import type { Observability } from "../../platform/observability/observability.ts";

/** One line a server logged, parsed. */
export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

const ERROR_LEVEL = 50;

/** Keeps every line logged to it, parsed, for a test to read. */
export class LogCapture implements DestinationStream {
  readonly lines: LogLine[] = [];
  write(line: string): void {
    this.lines.push(JSON.parse(line));
  }
}

/**
 * Where the servers of this test process log: errors only (LOG_LEVEL to see
 * more), printed unless a test is capturing them with `withErrorLog`.
 */
class TestLogDestination implements DestinationStream {
  capturing: LogLine[] | undefined;
  write(line: string): void {
    const parsed = JSON.parse(line) as LogLine;
    if (this.capturing && parsed.level >= ERROR_LEVEL) this.capturing.push(parsed);
    else process.stderr.write(line);
  }
}

export const testLogDestination = new TestLogDestination();

const testLogger: Logger = createLogger(
  { level: (process.env.LOG_LEVEL as "error" | undefined) || "error", format: "json" },
  testLogDestination,
);

/**
 * What the servers a test builds report through: `testLogDestination`
 * unless given a logger of the test's own, metrics of their own, served on
 * the public port as outside production.
 */
export function testObservability(logger: Logger = testLogger): Observability {
  return { logger, metrics: new Metrics(), metricsOnPublicPort: true };
}

/** A logger that keeps its lines in `capture`, for a test that checks what is logged. */
export function capturingLogger(capture: LogCapture, level: "info" | "debug" = "info"): Logger {
  return createLogger({ level, format: "json" }, capture);
}

/** An error line as a person would read it: its message, the error's message and its stack. */
export function describeErrorLine(line: LogLine): string {
  const err = line.err as { message?: string; stack?: string } | undefined;
  return [line.msg, err?.message, err?.stack].filter(Boolean).join("\n");
}
