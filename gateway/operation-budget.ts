import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";
import type { OperationSettings } from "../platform/config.ts";
import { ErrorCode } from "../platform/graphql/error-codes.ts";
import { deadlineSignal, type DeadlineSignal } from "../platform/http/deadline-signal.ts";

/**
 * What one operation may still take: time until its deadline, and bytes of
 * subgraph answers. Its `signal` aborts when either runs out, cancelling
 * the operation's subgraph fetches (and its turn in the queue for heavy
 * operations, if it is waiting for one).
 */
export class OperationBudget {
  readonly settings: OperationSettings;
  readonly #tooLarge = new AbortController();
  readonly #deadline: DeadlineSignal;
  #receivedBytes = 0;
  #cutShort = false;

  constructor(settings: OperationSettings) {
    this.settings = settings;
    this.#deadline = deadlineSignal(settings.deadlineMs, this.#tooLarge.signal);
  }

  get signal(): AbortSignal {
    return this.#deadline.signal;
  }

  /** Counts `bytes` more of subgraph answers; false, and the operation aborted, once they pass the cap. */
  receive(bytes: number): boolean {
    this.#receivedBytes += bytes;
    if (this.#receivedBytes <= this.settings.maxResponseBytes) return true;
    this.#tooLarge.abort();
    return false;
  }

  /** Stops the operation's clock once it has answered. */
  end(): void {
    this.#deadline.end();
  }

  /** Notes that running out of budget cut something the operation needed (a fetch, its turn). */
  cutShort(): void {
    this.#cutShort = true;
  }

  /** The error the operation's client gets once running out of budget has cut it short; undefined otherwise. */
  get exhausted(): (GraphQLFormattedError & { extensions: { code: ErrorCode } }) | undefined {
    if (!this.#cutShort || !this.signal.aborted) return undefined;
    if (this.#tooLarge.signal.aborted) {
      const megabytes = Math.round(this.settings.maxResponseBytes / 1024 / 1024);
      return {
        message: `This operation's answer would be larger than the ${megabytes} MB one response may hold; ask for less.`,
        extensions: { code: ErrorCode.RESPONSE_TOO_LARGE, maxBytes: this.settings.maxResponseBytes },
      };
    }
    return {
      message: `This operation ran longer than the ${this.settings.deadlineMs} ms one may take, and was stopped; ask for less, or retry later.`,
      extensions: { code: ErrorCode.OPERATION_TIMED_OUT, deadlineMs: this.settings.deadlineMs },
    };
  }
}

// Keyed by the operation's context object, which Apollo Gateway hands every fetch.
const budgets = new WeakMap<object, OperationBudget>();

/** Gives the operation whose context is `context` a budget of `settings`. */
export function startOperationBudget(context: object, settings: OperationSettings): OperationBudget {
  const budget = new OperationBudget(settings);
  budgets.set(context, budget);
  return budget;
}

/** The budget of the operation whose context is `context`; undefined outside an operation (a health check). */
export function budgetOf(context: object): OperationBudget | undefined {
  return budgets.get(context);
}

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.OPERATION_TIMED_OUT]: 504,
  [ErrorCode.RESPONSE_TOO_LARGE]: 400,
};

/**
 * Gives each operation a budget as it arrives. One that runs out is
 * answered with that error alone: what its cancelled fetches left is
 * neither complete nor worth sending.
 */
export function operationBudgets<Context extends BaseContext>(settings: OperationSettings): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const budget = startOperationBudget(contextValue, settings);
      return {
        async willSendResponse({ response }) {
          budget.end();
          const exhausted = budget.exhausted;
          if (!exhausted || response.body.kind !== "single") return;
          response.body.singleResult = { errors: [exhausted] };
          response.http.status = HTTP_STATUS[exhausted.extensions.code];
        },
      };
    },
  };
}
