import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { GraphQLError } from "graphql";
import { ErrorCode } from "./error-codes.ts";

/**
 * Refuses a document that names no runnable operation (an `operationName` it
 * does not hold, or several operations and no name) with
 * OPERATION_RESOLUTION_FAILURE and HTTP 400, before any other plugin or the
 * gateway's planner looks for the operation. Without it Apollo Server goes
 * on to execution, and the gateway fails there with a code of its own.
 * Listed first, so its refusal is the one a client sees.
 */
export function operationResolution<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, document }) {
          if (operation) return;
          const named = request.operationName;
          const operations = document.definitions.filter((definition) => definition.kind === "OperationDefinition").length;
          const message = named
            ? `The document has no operation named "${named}".`
            : operations > 1
              ? "The document holds several operations: name the one to run in operationName."
              : "The document holds no operation.";
          throw new GraphQLError(message, {
            extensions: { code: ErrorCode.OPERATION_RESOLUTION_FAILURE, http: { status: 400 } },
          });
        },
      };
    },
  };
}
