/**
 * Every `extensions.code` Liaison answers with, in one place: the public
 * contract's codes (see the README) and the codes Apollo Server itself
 * gives, spelled as it spells them. Modules name a code through `ErrorCode`,
 * never as a string of their own.
 */
export const ErrorCode = {
  /** Input the client must change; `extensions.argument` names it. */
  BAD_USER_INPUT: "BAD_USER_INPUT",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  /** A write naming a version someone replaced (`extensions.currentVersion`), or a duplicate. */
  CONFLICT: "CONFLICT",
  /** An idempotency key already bound to another request. */
  IDEMPOTENCY_KEY_REUSED: "IDEMPOTENCY_KEY_REUSED",
  /** An operation over the cost limit (`extensions.cost`, `extensions.limit`). */
  OPERATION_TOO_EXPENSIVE: "OPERATION_TOO_EXPENSIVE",
  /** An operation that ran past its deadline (`extensions.deadlineMs`); its subgraph fetches were cancelled. */
  OPERATION_TIMED_OUT: "OPERATION_TIMED_OUT",
  /** An operation whose subgraphs answered more than one response may hold (`extensions.maxBytes`). */
  RESPONSE_TOO_LARGE: "RESPONSE_TOO_LARGE",
  SUBGRAPH_UNAVAILABLE: "SUBGRAPH_UNAVAILABLE",
  /** A subscription over the bound on one connection's or one gateway's subscriptions. */
  SUBSCRIPTION_LIMIT_REACHED: "SUBSCRIPTION_LIMIT_REACHED",
  /** A subscriber that fell behind its changes; `extensions.after` is where to resume from. */
  SUBSCRIBER_TOO_SLOW: "SUBSCRIBER_TOO_SLOW",
  PERSISTED_QUERY_NOT_FOUND: "PERSISTED_QUERY_NOT_FOUND",
  /** An operation outside the persisted operation manifests, where only those run (Apollo Router's name). */
  PERSISTED_QUERY_NOT_IN_LIST: "PERSISTED_QUERY_NOT_IN_LIST",
  PERSISTED_QUERY_NOT_SUPPORTED: "PERSISTED_QUERY_NOT_SUPPORTED",
  GRAPHQL_PARSE_FAILED: "GRAPHQL_PARSE_FAILED",
  GRAPHQL_VALIDATION_FAILED: "GRAPHQL_VALIDATION_FAILED",
  OPERATION_RESOLUTION_FAILURE: "OPERATION_RESOLUTION_FAILURE",
  BAD_REQUEST: "BAD_REQUEST",
  /** Anything that is not the client's doing; details stay in the logs. */
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The codes a client is shown as they are: every code but INTERNAL_SERVER_ERROR. */
export function isClientErrorCode(code: unknown): code is ErrorCode {
  return code !== ErrorCode.INTERNAL_SERVER_ERROR && Object.values<unknown>(ErrorCode).includes(code);
}
