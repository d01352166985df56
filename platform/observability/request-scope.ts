import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "./logger.ts";

/** What a server learns about one HTTP request while serving it: for its log line and its metrics. */
export interface ServedRequest {
  readonly id: string;
  /** The request's logger: every line it writes names the request. */
  readonly log: Logger;
  /** The W3C trace the request belongs to (the caller's, or one begun here). */
  readonly traceId: string;
  /** Set once a GraphQL operation has been handled; absent for other routes. */
  operation?: HandledOperation;
}

export interface HandledOperation {
  /** The operation's name as the client gave it; null for an anonymous one. */
  name: string | null;
  /** The `extensions.code` of each error in the response, as the client sees them. */
  errorCodes: string[];
  /** Whether it was answered without running (parse, validation, limits): a response with no `data`. */
  refused: boolean;
  /** Who asked, when they signed in. */
  subject: string | null;
}

const scope = new AsyncLocalStorage<ServedRequest>();

/** The request whose handling is running now, if any: the same for everything it awaits. */
export function currentRequest(): ServedRequest | undefined {
  return scope.getStore();
}

export function runInRequest<T>(request: ServedRequest, work: () => T): T {
  return scope.run(request, work);
}
