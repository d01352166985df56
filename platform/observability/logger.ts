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

/**
 * Standard output, written without blocking: lines logged while a write is
 * under way go out together in the next, so a busy server makes one system
 * call for many lines. pino flushes what is left when the process exits.
 */
function stdout(): DestinationStream {
  return pino.destination({ dest: 1, sync: false });
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
