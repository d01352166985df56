import { Prisma } from "../../generated/prisma/client.ts";
import { clientError } from "../graphql/errors.ts";
import type { ErrorCode } from "../graphql/error-codes.ts";

/** What a client is told when a write breaks a constraint: its code, message and the argument at fault. */
export interface ConstraintError {
  code: ErrorCode;
  message: string;
  argument?: string;
}

/**
 * Unique and foreign-key constraints (Postgres constraint or index names, as
 * in prisma/migrations) and the error each means to a client. The database
 * settles these, so a write never checks them first with a read that could
 * race.
 */
export type ConstraintErrors = Readonly<Record<string, ConstraintError>>;

// Through Prisma's pg adapter, a violation keeps Postgres's own account of
// it in the known request error's meta, whichever Prisma code it carries
// (P2002 and P2003 from the ORM, P2010 from raw SQL).
interface AdapterErrorCause {
  kind?: string;
  constraint?: { index?: string; fields?: string[] };
}

const VIOLATIONS = new Set(["UniqueConstraintViolation", "ForeignKeyConstraintViolation"]);

/** The name of the unique or foreign-key constraint `error` violated, if it is such a violation. */
export function violatedConstraint(error: unknown): string | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  const cause = (error.meta?.driverAdapterError as { cause?: AdapterErrorCause } | undefined)?.cause;
  return cause?.kind && VIOLATIONS.has(cause.kind) ? cause.constraint?.index : undefined;
}

/** The client's error for `error` when it violates a constraint `constraints` names; undefined otherwise. */
export function constraintError(error: unknown, constraints: ConstraintErrors) {
  const name = violatedConstraint(error);
  const known = name !== undefined && Object.hasOwn(constraints, name) ? constraints[name] : undefined;
  return known && clientError(known.code, known.message, known.argument);
}
