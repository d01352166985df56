import { createPublicKey, type KeyObject } from "node:crypto";
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  importPKCS8,
  jwtVerify,
  SignJWT,
  type JSONWebKeySet,
  type JWK,
  calculateJwkThumbprint,
} from "jose";
import { rolesFromClaim, unauthenticated, type Identity } from "./identity.ts";
import { checkTokenLifetime, TokenRefused } from "./token-lifetime.ts";
import { rememberVerifiedTokens } from "./verified-tokens.ts";

// The gateway vouches for each caller to the subgraphs with a short-lived
// token it signs, its audience the one subgraph it is for. Subgraphs accept
// nothing else, so calling a subgraph directly gets a caller nowhere.

const ISSUER = "liaison-gateway";
const ALGORITHM = "EdDSA";
const LIFETIME_SECONDS = 60;
// Tokens are reused while they have at least this long to live.
const REUSE_MARGIN_SECONDS = 20;
const MAX_CACHED_TOKENS = 10_000;

export interface GatewaySigningKey {
  privateKey: CryptoKey | KeyObject;
  /** The public half, as published at /.well-known/jwks.json. */
  jwks: JSONWebKeySet;
}

/** Loads the gateway's Ed25519 key from PKCS#8 PEM, or makes a new one for this process. */
export async function gatewaySigningKey(pkcs8Pem?: string): Promise<GatewaySigningKey> {
  if (pkcs8Pem) {
    const privateKey = await importPKCS8(pkcs8Pem, ALGORITHM);
    return { privateKey, jwks: await publicJwks(createPublicKey(pkcs8Pem)) };
  }
  const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { crv: "Ed25519" });
  return { privateKey, jwks: await publicJwks(publicKey) };
}

async function publicJwks(publicKey: CryptoKey | KeyObject): Promise<JSONWebKeySet> {
  const jwk: JWK = await exportJWK(publicKey);
  return { keys: [{ ...jwk, alg: ALGORITHM, use: "sig", kid: await calculateJwkThumbprint(jwk) }] };
}

export type InternalTokenIssuer = (identity: Identity, subgraph: string) => Promise<string>;

/** Signs internal tokens, reusing one per caller and subgraph while it is fresh. */
export function internalTokenIssuer(key: GatewaySigningKey): InternalTokenIssuer {
  const kid = key.jwks.keys[0]?.kid;
  const cache = new Map<string, { token: string; expiresAt: number }>();
  return async (identity, subgraph) => {
    const cacheKey = JSON.stringify([subgraph, identity.subject, identity.roles]);
    const now = Math.floor(Date.now() / 1000);
    const cached = cache.get(cacheKey);
    if (cached && cached.expiresAt - now > REUSE_MARGIN_SECONDS) return cached.token;
    const expiresAt = now + LIFETIME_SECONDS;
    const token = await new SignJWT({ roles: identity.roles })
      .setProtectedHeader({ alg: ALGORITHM, ...(kid && { kid }) })
      .setIssuer(ISSUER)
      .setAudience(subgraph)
      .setIssuedAt(now)
      .setExpirationTime(expiresAt)
      .setSubject(identity.subject ?? "")
      .sign(key.privateKey);
    if (cache.size >= MAX_CACHED_TOKENS) cache.clear();
    cache.set(cacheKey, { token, expiresAt });
    return token;
  };
}

export type CallerAuthenticator = (authorization: string | undefined) => Promise<Identity>;

/**
 * Checks the internal token on a request to the subgraph `subgraph`, with the
 * gateway's public keys given directly or fetched from its JWKS URL: for
 * this subgraph alone, issued now and living no longer than the gateway's
 * tokens do. The gateway reuses a token for many fetches, so each is
 * verified once.
 */
export function internalTokenVerifier(
  subgraph: string,
  keys: JSONWebKeySet | URL,
): CallerAuthenticator {
  const keySet = keys instanceof URL ? createRemoteJWKSet(keys) : createLocalJWKSet(keys);
  const verify = rememberVerifiedTokens(async (token) => {
    const { payload } = await jwtVerify(token, keySet, {
      issuer: ISSUER,
      audience: subgraph,
      algorithms: [ALGORITHM],
      requiredClaims: ["exp", "iat", "sub"],
    });
    if (Array.isArray(payload.aud) && payload.aud.length !== 1) throw new TokenRefused("An internal token names one subgraph.");
    checkTokenLifetime(payload, LIFETIME_SECONDS);
    return { identity: { subject: payload.sub || null, roles: rolesFromClaim(payload.roles) }, expiresAt: payload.exp! };
  });
  return async (authorization) => {
    const token = bearerToken(authorization);
    if (!token) throw unauthenticated("Subgraphs answer only the gateway.");
    try {
      return await verify(token);
    } catch {
      throw unauthenticated("Subgraphs answer only the gateway.");
    }
  };
}

export function bearerToken(authorization: string | undefined): string | undefined {
  const match = authorization?.match(/^Bearer ([A-Za-z0-9_.~+/=-]+)$/);
  return match?.[1];
}
