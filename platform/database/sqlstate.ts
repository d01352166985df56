// Read by shape, not by class, so that the gateway, which formats errors
// too, need not load Prisma's client or pg to tell them apart.

interface PostgresFailure {
  /** pg's own error (`readRows`): the SQLSTATE, beside the server's severity. */
  code?: unknown;
  severity?: unknown;
  /** Prisma's: Postgres's account of it, kept by the pg adapter. */
  meta?: { driverAdapterError?: { cause?: { kind?: string; originalCode?: string; code?: string } } };
}

/** Postgres's SQLSTATE for `error`: pg's own error, or one Prisma's pg adapter reports; undefined for any other. */
export function postgresErrorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, severity, meta } = error as PostgresFailure;
  if (typeof code === "string" && typeof severity === "string") return code;
  const cause = meta?.driverAdapterError?.cause;
  return cause?.kind === "postgres" ? (cause.originalCode ?? cause.code) : undefined;
}
