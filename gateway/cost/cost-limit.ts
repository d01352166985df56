import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { getOperationAST, GraphQLError, type DocumentNode, type GraphQLSchema } from "graphql";
import { ErrorCode } from "../../platform/graphql/error-codes.ts";
import { operationCost, type OperationCost } from "./operation-cost.ts";

/** An operation to price: its document, which operation of it runs, and the variables sent. */
export interface PricedRequest {
  document: DocumentNode;
  operationName?: string | null | undefined;
  variables?: Readonly<Record<string, unknown>> | null | undefined;
}

/** Prices operations and refuses those whose typical result is over `limit` values. */
export class CostLimit {
  readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  /** The operation's cost, or undefined when the document names no such operation (validation says why). */
  price(schema: GraphQLSchema, { document, operationName, variables }: PricedRequest): OperationCost | undefined {
    const operation = getOperationAST(document, operationName ?? undefined);
    return operation ? operationCost(schema, document, operation, variables ?? undefined) : undefined;
  }

  /** The error refusing the operation, or undefined when it is within the limit. */
  refusal(schema: GraphQLSchema, request: PricedRequest): GraphQLError | undefined {
    const cost = this.price(schema, request);
    if (!cost || cost.typical <= this.limit) return undefined;
    return operationTooExpensive(cost.typical, this.limit);
  }

  /** Refuses an operation over the limit once it is resolved, before the gateway plans it or calls any subgraph. */
  plugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
    return {
      requestDidStart: async () => ({
        didResolveOperation: async ({ schema, document, request }) => {
          const refusal = this.refusal(schema, { document, operationName: request.operationName, variables: request.variables });
          if (refusal) throw new GraphQLError(refusal.message, { extensions: { ...refusal.extensions, http: { status: 400 } } });
        },
      }),
    };
  }
}

export function operationTooExpensive(cost: number, limit: number): GraphQLError {
  const shownCost = Math.min(cost, Number.MAX_SAFE_INTEGER);
  return new GraphQLError(
    `This operation would answer about ${shownCost} values, more than the ${limit} one operation may. ` +
      "Ask for smaller pages (first, last), fewer nested lists or a shallower walk.",
    { extensions: { code: ErrorCode.OPERATION_TOO_EXPENSIVE, cost: shownCost, limit } },
  );
}
