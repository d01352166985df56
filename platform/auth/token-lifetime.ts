import type { JWTPayload } from "jose";

/** How far a token's issuer's clock may run ahead of ours. */
export const CLOCK_SKEW_SECONDS = 60;

/** A token whose signature verified but whose claims Liaison refuses; the message says why. */
export class TokenRefused extends Error {
  override name = "TokenRefused";
}

/**
 * Refuses a token issued in the future (beyond the clock skew), or one that
 * lives longer than `maxSeconds`: from `iat` to `exp`, or from now when it
 * has no `iat`. A stolen token is worth no more than its life.
 */
export function checkTokenLifetime(payload: JWTPayload, maxSeconds: number, now = Math.floor(Date.now() / 1000)): void {
  const { iat, exp } = payload;
  if (iat !== undefined && iat > now + CLOCK_SKEW_SECONDS) {
    throw new TokenRefused("The token's issue time (iat) is in the future; check the issuer's clock.");
  }
  if (exp !== undefined && exp - (iat ?? now) > maxSeconds) {
    throw new TokenRefused(`The token lives longer than the ${describeSeconds(maxSeconds)} allowed; ask for one that expires sooner.`);
  }
}

function describeSeconds(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  return `${seconds} s`;
}
