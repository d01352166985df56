import { GraphQLError } from "graphql";

/** The error for a write that names a version someone else has already replaced. */
export function staleVersion(entityType: string, current: number, argument = "input.version"): GraphQLError {
  return new GraphQLError(
    `This ${entityType} has changed since the version you named; it is at version ${current}. Read it again and retry.`,
    { extensions: { code: "CONFLICT", argument, currentVersion: current } },
  );
}

export function notFound(entityType: string, argument = "input.id"): GraphQLError {
  return new GraphQLError(`No ${entityType} has that id.`, { extensions: { code: "NOT_FOUND", argument } });
}
