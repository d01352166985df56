import { Prisma } from "../../generated/prisma/client.ts";
import { clientError } from "../graphql/errors.ts";
import { ErrorCode } from "../graphql/error-codes.ts";
import { postgresErrorCode } from "./sqlstate.ts";

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

// Data exceptions that only a value sent by the client can cause: text
// Postgres cannot store (a NUL character), text too long for its column,
// and a number, date or id it cannot read.
const INPUT_FAULTS: Readonly<Record<string, string>> = {
  "22021": "Text in this request holds a character that cannot be stored (a NUL, \\u0000).",
  "22P05": "Text in this request holds a character that cannot be stored.",
  "22001": "Text in this request is longer than can be stored.",
  "22003": "A number in this request is out of range.",
  "22007": "A date or time in this request cannot be read.",
  "22008": "A date or time in this request is out of range.",
  "22P02": "A value in this request is not of the form expected (an id, a number).",
};

/**
 * The client's error for a database error its own input caused, or
 * undefined for every other error. Inputs are checked before they reach
 * the database; this is the net under those checks, so that no input can
 * come back as an internal error.
 */
export function databaseInputFault(error: unknown) {
  const code = postgresErrorCode(error);
  const message = code === undefined ? undefined : INPUT_FAULTS[code];
  return message === undefined ? undefined : clientError(ErrorCode.BAD_USER_INPUT, message);
}
