import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from "jose";
import type { AuthSettings } from "../platform/config.ts";
import { rolesFromClaim, unauthenticated, type Identity } from "../platform/auth/identity.ts";
import { bearerToken, type CallerAuthenticator } from "../platform/auth/internal-token.ts";
import { checkTokenLifetime, TokenRefused } from "../platform/auth/token-lifetime.ts";
import { rememberVerifiedTokens } from "../platform/auth/verified-tokens.ts";

const ANONYMOUS_READER: Identity = { subject: null, roles: ["reader"] };

/**
 * Verifies a caller's bearer JWT (algorithms pinned, issuer and audience
 * checked, a life no longer than settings allow and an issue time not in
 * the future) against an HS256 secret or an identity provider's JWKS, once
 * per token while it lasts. With no token the caller is an anonymous
 * reader, where settings allow it.
 */
export function callerAuthenticator(settings: AuthSettings): CallerAuthenticator {
  const verify = tokenVerifier(settings);
  return async (authorization) => {
    if (authorization === undefined || authorization === "") {
      if (settings.allowAnonymousReads) return ANONYMOUS_READER;
      throw unauthenticated("Sign in: send a bearer token in the Authorization header.");
    }
    const token = bearerToken(authorization);
    if (!token) throw unauthenticated("The Authorization header must be `Bearer <token>`.");
    return verify(token);
  };
}

function tokenVerifier(settings: AuthSettings): (token: string) => Promise<Identity> {
  const [key, algorithms]: [Uint8Array | JWTVerifyGetKey, string[]] = settings.jwksUrl
    ? [createRemoteJWKSet(new URL(settings.jwksUrl)), settings.jwksAlgorithms]
    : [new TextEncoder().encode(settings.jwtSecret), ["HS256"]];
  const verify = rememberVerifiedTokens(async (token) => {
    const { payload } = await jwtVerify(token, key as JWTVerifyGetKey, {
      algorithms,
      issuer: settings.issuer,
      audience: settings.audience,
      requiredClaims: ["sub", "exp"],
    });
    checkTokenLifetime(payload, settings.maxTokenLifetimeSeconds);
    return { identity: { subject: payload.sub!, roles: rolesFromClaim(payload.roles) }, expiresAt: payload.exp! };
  });
  return async (token) => {
    try {
      return await verify(token);
    } catch (error) {
      if (error instanceof TokenRefused) throw unauthenticated(error.message);
      const expired = error instanceof Error && "code" in error && error.code === "ERR_JWT_EXPIRED";
      throw unauthenticated(expired ? "The token has expired." : "The token is not valid here.");
    }
  };
}
