import { createHash } from "node:crypto";
import type { GraphQLError } from "graphql";
import { stringify } from "safe-stable-stringify";
import { readIdempotencyKeyHours } from "../config.ts";
import { ErrorCode } from "../graphql/error-codes.ts";
import { clientError } from "../graphql/errors.ts";
import type { KeyedInput } from "./audited-write.ts";

// An idempotency key means one request: the caller's (keys are per actor),
// for one mutation, on one target, with one input. The audit entry of the
// write it made keeps the key, the action and a digest of the request, and
// answers a true retry with the entity as the write answered it. Anything
// else under the same key is refused. A key binds for a while only; after
// that the caller may use it for a new request.

/** How long a key binds the request it was first used for. */
export const KEY_LIFETIME_MS = readIdempotencyKeyHours() * 60 * 60 * 1000;

/**
 * The digest of a request: its action (which names the mutation) and its
 * input without the key, the target's id included, in a canonical form (keys
 * sorted, moments as ISO strings), so that the same request sent with its
 * fields in another order matches.
 */
export function requestDigest<Input extends KeyedInput>(action: string, input: Input): string {
  const { idempotencyKey: _key, ...request } = input;
  const canonical: object = { action, request };
  return createHash("sha256").update(stringify(canonical)).digest("hex");
}

/** What the audit trail keeps of a keyed write, as far as its key is concerned. */
export interface KeyedEntry {
  at: Date;
  action: string;
  requestDigest: string | null;
}

/**
 * What an earlier entry under the caller's key makes of a request:
 * `retry` when it is the same request (answer it as the first time),
 * `reused` when it is another one (refuse it), `expired` when the key no
 * longer binds (or was recorded before requests were digested): the request
 * is new, and takes the key over.
 */
export function keyUse(earlier: KeyedEntry, action: string, digest: string, now = Date.now()): "retry" | "reused" | "expired" {
  if (earlier.requestDigest === null || earlier.at.getTime() <= now - KEY_LIFETIME_MS) return "expired";
  return earlier.action === action && earlier.requestDigest === digest ? "retry" : "reused";
}

export function keyReused(earlier: KeyedEntry, action: string): GraphQLError {
  const use = earlier.action === action ? `another ${action}` : earlier.action;
  return clientError(
    ErrorCode.IDEMPOTENCY_KEY_REUSED,
    `This idempotencyKey was already used for ${use}: a retry must repeat its request exactly, and a new request needs a new key.`,
    "input.idempotencyKey",
  );
}
