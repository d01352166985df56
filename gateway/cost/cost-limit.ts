import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { getOperationAST, GraphQLError, type DocumentNode, type GraphQLSchema } from "graphql";
import { ErrorCode } from "../../platform/graphql/error-codes.ts";
import { budgetOf } from "../operation-budget.ts";
import { HeavyOperationTurns } from "./heavy-operations.ts";
import { operationCost, type OperationCost } from "./operation-cost.ts";

/** An operation to price: its document, which operation of it runs, and the variables sent. */
export interface PricedRequest {
  document: DocumentNode;
  operationName?: string | null | undefined;
  variables?: Readonly<Record<string, unknown>> | null | undefined;
}

export interface CostLimits {
  /** The most values an operation's typical result may hold. */
  limit: number;
  /**
   * An operation whose typical result holds more than `typical` values, or
   * whose largest possible one more than `worst`, is heavy, and takes turns
   * with the other heavy ones.
   */
  heavy: { typical: number; worst: number };
  /** Heavy operations run at once; the rest wait, within their deadline. */
  heavyConcurrency: number;
}

/**
 * Prices operations, refuses those whose typical result is over the limit,
 * and has heavy ones take turns.
 */
export class CostLimit {
  readonly limit: number;
  readonly #heavy: CostLimits["heavy"];
  readonly #turns: HeavyOperationTurns;

  constructor({ limit, heavy, heavyConcurrency }: CostLimits) {
    this.limit = limit;
    this.#heavy = heavy;
    this.#turns = new HeavyOperationTurns(heavyConcurrency);
  }

  /** The operation's cost, or undefined when the document names no such operation (validation says why). */
  price(schema: GraphQLSchema, { document, operationName, variables }: PricedRequest): OperationCost | undefined {
    const operation = getOperationAST(document, operationName ?? undefined);
    return operation ? operationCost(schema, document, operation, variables ?? undefined) : undefined;
  }

  /** Whether an operation of this cost takes turns with the other heavy ones. */
  isHeavy(cost: OperationCost): boolean {
    return cost.typical > this.#heavy.typical || cost.worst > this.#heavy.worst;
  }

  /** The error refusing the operation, or undefined when it is within the limit. */
  refusal(schema: GraphQLSchema, request: PricedRequest): GraphQLError | undefined {
    const cost = this.price(schema, request);
    if (!cost || cost.typical <= this.limit) return undefined;
    return operationTooExpensive(cost.typical, this.limit);
  }

  /**
   * Refuses an operation over the limit once it is resolved, before the
   * gateway plans it or calls any subgraph; a heavy one waits for its turn
   * there, and holds it until its response is sent.
   */
  plugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
    return {
      requestDidStart: async ({ contextValue }) => {
        let endTurn: (() => void) | undefined;
        return {
          didResolveOperation: async ({ schema, document, request }) => {
            const cost = this.price(schema, { document, operationName: request.operationName, variables: request.variables });
            if (!cost) return;
            if (cost.typical > this.limit) {
              const refusal = operationTooExpensive(cost.typical, this.limit);
              throw new GraphQLError(refusal.message, { extensions: { ...refusal.extensions, http: { status: 400 } } });
            }
            if (!this.isHeavy(cost)) return;
            const budget = budgetOf(contextValue);
            try {
              endTurn = await this.#turns.take(budget?.signal);
            } catch {
              budget?.cutShort();
              const exhausted = budget?.exhausted;
              throw new GraphQLError(exhausted?.message ?? "This operation waited too long for its turn.", {
                extensions: { ...exhausted?.extensions, http: { status: 504 } },
              });
            }
          },
          willSendResponse: async () => endTurn?.(),
        };
      },
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
