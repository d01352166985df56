import { ApolloServerErrorCode, unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";

/** The error a client gets for input it should change, naming the argument at fault. */
export function badUserInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: ApolloServerErrorCode.BAD_USER_INPUT,
      ...(argument && { argument }),
    },
  });
}

/** The error a client gets when what it asks for contradicts what is already stored. */
export function conflict(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "CONFLICT", ...(argument && { argument }) } });
}

const CLIENT_ERROR_CODES = new Set<unknown>([
  ApolloServerErrorCode.BAD_USER_INPUT,
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
  ApolloServerErrorCode.BAD_REQUEST,
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
]);

/**
 * Builds Apollo's `formatError`: errors meant for clients pass through;
 * anything else (a database failure, a bug) is logged and, outside
 * development, reaches the client only as a generic internal error, so no
 * SQL text or stack trace leaks.
 */
export function errorFormatter(options: { exposeInternals: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (CLIENT_ERROR_CODES.has(formatted.extensions?.code)) return formatted;
    console.error(unwrapResolverError(error));
    if (options.exposeInternals) return formatted;
    return {
      message: "Internal server error",
      ...(formatted.locations && { locations: formatted.locations }),
      ...(formatted.path && { path: formatted.path }),
      extensions: { code: ApolloServerErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
