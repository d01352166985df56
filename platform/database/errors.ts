import { Prisma } from "../../generated/prisma/client.ts";

// Prisma reports constraint violations as known request errors; through a
// driver adapter the constraint's columns sit in the adapter error's cause.

interface ConstraintCause {
  constraint?: { fields?: string[]; index?: string };
}

function knownError(error: unknown, code: string): Prisma.PrismaClientKnownRequestError | undefined {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === code ? error : undefined;
}

function constraintColumns(error: Prisma.PrismaClientKnownRequestError): string[] {
  const target = error.meta?.target;
  if (Array.isArray(target)) return target.map(String);
  if (typeof target === "string") return [target];
  const cause = (error.meta?.driverAdapterError as { cause?: ConstraintCause } | undefined)?.cause;
  const constraint = cause?.constraint;
  return constraint?.fields ?? (constraint?.index ? [constraint.index] : []);
}

/** The columns (or index name) of the unique constraint `error` violated, if it is one. */
export function uniqueViolation(error: unknown): string[] | undefined {
  const known = knownError(error, "P2002");
  return known && constraintColumns(known);
}

/** Whether `error` is a foreign-key violation, and of which columns or constraint. */
export function foreignKeyViolation(error: unknown): string[] | undefined {
  const known = knownError(error, "P2003");
  if (!known) return undefined;
  const field = known.meta?.field_name;
  return typeof field === "string" ? [field] : constraintColumns(known);
}
