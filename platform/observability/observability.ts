import type { LogSettings } from "../config.ts";
import { createLogger, type Logger } from "./logger.ts";

/** What a process's servers report through: its logger. */
export interface Observability {
  readonly logger: Logger;
}

export function createObservability(settings: { logging: LogSettings }): Observability {
  return { logger: createLogger(settings.logging) };
}
