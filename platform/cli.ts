import { ConfigError, type ShutdownSettings } from "./config.ts";
import type { StopOptions } from "./http/graphql-server.ts";
import { flushLogs, type Logger } from "./observability/logger.ts";

/**
 * Turns the failures a person starting Liaison can fix (configuration, a
 * busy port, an unreachable database) into one line; undefined for the rest.
 */
export function explainStartupError(error: unknown): string | undefined {
  if (error instanceof ConfigError) return error.message;
  for (const cause of causes(error)) {
    const { code, port, address, hostname } = cause as NodeJS.ErrnoException & {
      port?: number;
      address?: string;
      hostname?: string;
    };
    if (code === "EADDRINUSE") {
      return `Port ${port} is already in use; stop what holds it or choose another port (PORT, <SUBGRAPH>_PORT).`;
    }
    if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "ETIMEDOUT" || code === "EHOSTUNREACH") {
      return `Cannot reach the database at ${hostname ?? address ?? "DATABASE_URL"}${port ? `:${port}` : ""} (${code}); check DATABASE_URL.`;
    }
    if (code === "3D000" || code === "28P01" || code === "28000") {
      return `The database refused the connection: ${cause.message}; check DATABASE_URL.`;
    }
  }
  return undefined;
}

function* causes(error: unknown): Generator<Error> {
  const seen = new Set<unknown>();
  const pending = [error];
  while (pending.length) {
    const next = pending.shift();
    if (!(next instanceof Error) || seen.has(next)) continue;
    seen.add(next);
    yield next;
    pending.push(next.cause);
    if (next instanceof AggregateError) pending.push(...next.errors);
  }
}

/** Runs a command-line entry point, printing fixable failures as one line. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const explanation = explainStartupError(error);
    // The explanation is the last line printed: what was logged before it goes out first.
    flushLogs();
    console.error(explanation ? `liaison: ${explanation}` : error);
    process.exit(1);
  });
}

/** What a process stopping on a signal tells its servers: the delay before listeners close, and the deadline. */
export type StopPlan = Required<StopOptions>;

// Past the deadline, the time stopping may still take (closing pools and the database) before the process gives up.
const GRACE_AFTER_DEADLINE_MS = 5_000;

/**
 * Stops cleanly on Ctrl-C or SIGTERM, within `settings`, then exits 0. A
 * second signal, or a stop that overruns the deadline, exits 1 at once.
 */
export function stopOnSignal(stop: (plan: StopPlan) => Promise<void>, settings: ShutdownSettings, logger: Logger): void {
  let stopping = false;
  const shutDown = async (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn(`${signal} again: exiting without finishing the drain.`);
      process.exit(1);
    }
    stopping = true;
    const deadline = Date.now() + settings.deadlineMs;
    logger.info(`Stopping: draining what is in flight (at most ${settings.deadlineMs} ms)…`);
    setTimeout(() => {
      logger.error("Stopping took longer than SHUTDOWN_DEADLINE_MS allows; exiting.");
      process.exit(1);
    }, settings.deadlineMs + GRACE_AFTER_DEADLINE_MS).unref();
    try {
      await stop({ delayMs: Math.min(settings.delayMs, settings.deadlineMs), deadline });
      logger.info("Stopped.");
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, "Stopping failed.");
      process.exit(1);
    }
  };
  process.on("SIGINT", shutDown);
  process.on("SIGTERM", shutDown);
}
