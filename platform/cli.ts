import { ConfigError } from "./config.ts";

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
    console.error(explanation ? `liaison: ${explanation}` : error);
    process.exit(1);
  });
}

/** Stops cleanly on Ctrl-C or a termination signal, then exits. */
export function stopOnSignal(stop: () => Promise<void>): void {
  const shutDown = async () => {
    console.log("Stopping…");
    try {
      await stop();
      process.exit(0);
    } catch (error) {
      console.error(error);
      process.exit(1);
    }
  };
  process.once("SIGINT", shutDown);
  process.once("SIGTERM", shutDown);
}
