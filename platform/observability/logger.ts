import { createRequire } from "node:module";
import pino, { type DestinationStream, type Logger } from "pino";
import { ConfigError, type LogSettings } from "../config.ts";

export type { Logger };

/**
 * Where a value could carry a caller's credentials. Liaison's own log lines
 * never hold headers, so these guard what a future line might add.
 */
const REDACTED_PATHS = [
  "authorization",
  "headers.authorization",
  "headers.cookie",
  "req.headers.authorization",
  "req.headers.cookie",
];

/**
 * The process's logger: one JSON object a line on stdout (or `destination`),
 * or readable lines with LOG_FORMAT=pretty, which needs the development
 * dependency pino-pretty.
 */
export function createLogger(settings: LogSettings, destination?: DestinationStream): Logger {
  return pino(
    {
      level: settings.level,
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      base: { pid: process.pid },
    },
    destination ?? (settings.format === "pretty" ? prettyStream() : stdout()),
  );
}

const bufferedOutputs = new Set<ReturnType<typeof pino.destination>>();

/** Writes every line the process's loggers hold, before something else is printed that must come after them. */
export function flushLogs(): void {
  for (const output of bufferedOutputs) {
    try {
      output.flushSync();
    } catch {
      // Closed already, or not yet open: nothing it holds can be written.
    }
  }
}

/** Lines held before they are written together; a quiet process writes what it holds at least this often. */
const LOG_BUFFER = { bytes: 4096, flushEveryMs: 1000 };

/**
 * Standard output, written without blocking and in batches: lines are held
 * until 4 KiB have gathered or a second has passed, so a busy server makes
 * one system call for many lines (one a request cost a subgraph up to a
 * fifth of its CPU). pino writes what is held when the process exits.
 */
function stdout(): DestinationStream {
  const destination = pino.destination({ dest: 1, sync: false, minLength: LOG_BUFFER.bytes });
  bufferedOutputs.add(destination);
  // With a callback, a flush after the stream has closed reports to it rather than throwing.
  setInterval(() => destination.flush(() => undefined), LOG_BUFFER.flushEveryMs).unref();
  return destination;
}

/** A logger that writes nothing, for servers built where nobody reads their logs. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}

function prettyStream(): DestinationStream {
  let pretty: (options: object) => DestinationStream;
  try {
    pretty = createRequire(import.meta.url)("pino-pretty");
  } catch {
    throw new ConfigError("LOG_FORMAT=pretty needs pino-pretty, a development dependency: run `npm install` or use LOG_FORMAT=json.");
  }
  return pretty({ colorize: process.stdout.isTTY, translateTime: "HH:MM:ss.l", ignore: "pid,hostname", singleLine: true });
}
