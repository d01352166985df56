import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { Logger } from "../observability/logger.ts";
import { postgresErrorCode } from "../database/sqlstate.ts";
import { currentRequest } from "../observability/request-scope.ts";
import { ErrorCode, isClientErrorCode } from "./error-codes.ts";

/** The error a client gets for input it should change, naming the argument at fault. */
export function badUserInput(message: string, argument?: string): GraphQLError {
  return clientError(ErrorCode.BAD_USER_INPUT, message, argument);
}

/** The error a client gets when what it asks for contradicts what is already stored. */
export function conflict(message: string, argument?: string): GraphQLError {
  return clientError(ErrorCode.CONFLICT, message, argument);
}

export function notFound(entityName: string, argument = "input.id"): GraphQLError {
  return clientError(ErrorCode.NOT_FOUND, `No ${entityName} has that id.`, argument);
}

/** The error for a write that names a version someone else has already replaced. */
export function staleVersion(entityName: string, currentVersion: number, argument = "input.version"): GraphQLError {
  return new GraphQLError(
    `This ${entityName} has changed since the version you named; it is at version ${currentVersion}. Read it again and retry.`,
    { extensions: { code: ErrorCode.CONFLICT, argument, currentVersion } },
  );
}

/** An error with a contract code, naming the argument at fault when there is one. */
export function clientError(code: ErrorCode, message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...(argument && { argument }) } });
}

export interface ErrorFormatterOptions {
  exposeInternals: boolean;
  logger: Logger;
  /** The client's error for a failure its own input caused (a database refusing a value), if it is one. */
  clientFault?: (error: unknown) => GraphQLError | undefined;
}

/** Whether Postgres cancelled the statement for running past `statement_timeout` (SQLSTATE 57014). */
function statementTimedOut(error: unknown): boolean {
  return postgresErrorCode(error) === "57014";
}

/**
 * Whether Apollo Server refused the request itself with an HTTP 4xx but no
 * code of its own (a persisted query whose hash does not match its text, or
 * of an unknown version): the client's mistake, not an internal error.
 */
function refusedAsBadRequest(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.extensions.code !== undefined) return false;
  const status = (error.extensions.http as { status?: number } | undefined)?.status ?? 0;
  return status >= 400 && status < 500;
}

/**
 * Builds Apollo's `formatError`: errors meant for clients pass through, as
 * do failures `clientFault` recognises as the client's; anything else (a
 * database failure, a bug) is logged with its stack, naming the request it
 * failed, and, outside development, reaches the client only as a generic
 * internal error, so no SQL text or stack trace leaks.
 */
export function errorFormatter(options: ErrorFormatterOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (isClientErrorCode(formatted.extensions?.code)) return formatted;
    if (refusedAsBadRequest(error)) return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_REQUEST } };
    if (statementTimedOut(unwrapResolverError(error))) {
      return {
        message: "The database stopped a statement that ran past the time one operation may take.",
        ...(formatted.path && { path: formatted.path }),
        extensions: { code: ErrorCode.OPERATION_TIMED_OUT },
      };
    }
    const fault = options.clientFault?.(unwrapResolverError(error));
    if (fault) {
      return {
        message: fault.message,
        ...(formatted.locations && { locations: formatted.locations }),
        ...(formatted.path && { path: formatted.path }),
        extensions: fault.extensions,
      };
    }
    (currentRequest()?.log ?? options.logger).error({ err: unwrapResolverError(error) }, "internal error");
    if (options.exposeInternals) return formatted;
    return {
      message: "Internal server error",
      ...(formatted.locations && { locations: formatted.locations }),
      ...(formatted.path && { path: formatted.path }),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
