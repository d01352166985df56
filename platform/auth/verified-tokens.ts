import type { Identity } from "./identity.ts";

/** What checking a token's signature and claims established, and until when (`exp`, seconds since the epoch). */
export interface VerifiedToken {
  identity: Identity;
  expiresAt: number;
}

export const MAX_REMEMBERED_TOKENS = 10_000;

/**
 * Verifies each token once and then answers from memory until the token
 * expires: a token is a bearer's whole proof, so the same string always
 * stands for the same caller. Only tokens that verified are remembered (at
 * most `maxEntries`, the oldest forgotten first), and never past their `exp`.
 */
export function rememberVerifiedTokens(
  verify: (token: string) => Promise<VerifiedToken>,
  maxEntries = MAX_REMEMBERED_TOKENS,
): (token: string) => Promise<Identity> {
  const remembered = new Map<string, VerifiedToken>();
  return async (token) => {
    const known = remembered.get(token);
    if (known && Date.now() < known.expiresAt * 1000) return known.identity;
    remembered.delete(token);
    const { identity, expiresAt } = await verify(token);
    // One identity now serves many requests: none of them may change it.
    const frozen: Identity = Object.freeze({ subject: identity.subject, roles: Object.freeze([...identity.roles]) as Identity["roles"] });
    if (remembered.size >= maxEntries) remembered.delete(remembered.keys().next().value!);
    remembered.set(token, { identity: frozen, expiresAt });
    return frozen;
  };
}
