import type { Environment, LogSettings } from "../config.ts";
import { createLogger, type Logger } from "./logger.ts";
import { Metrics } from "./metrics.ts";

/** What a process's servers report through: its logger and its metrics. */
export interface Observability {
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Whether each server also answers /metrics on its public port (outside production); else only the management port does. */
  readonly metricsOnPublicPort: boolean;
}

export function createObservability(settings: { logging: LogSettings; environment: Environment }): Observability {
  return {
    logger: createLogger(settings.logging),
    metrics: new Metrics(),
    metricsOnPublicPort: settings.environment !== "production",
  };
}
