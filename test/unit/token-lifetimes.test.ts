import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { callerAuthenticator } from "../../gateway/authenticate.ts";
import { gatewaySigningKey, internalTokenIssuer, internalTokenVerifier } from "../../platform/auth/internal-token.ts";
import { readAuthSettings } from "../../platform/config.ts";

// Tokens with bounded lives: a caller's at most AUTH_MAX_TOKEN_LIFETIME_HOURS
// (24 by default), an internal one at most the gateway's 60 s, and neither
// issued in the future.

const HOUR = 3600;
const now = () => Math.floor(Date.now() / 1000);
const settings = readAuthSettings({}, "development");

function callerToken({ iat, exp }: { iat?: number; exp: number }) {
  const jwt = new SignJWT({ roles: ["reader"] })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject("someone")
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setExpirationTime(exp);
  if (iat !== undefined) jwt.setIssuedAt(iat);
  return jwt.sign(new TextEncoder().encode(settings.jwtSecret));
}

async function refusal(authenticate: Promise<unknown>) {
  const error = await authenticate.then(() => undefined, (thrown: unknown) => thrown);
  expect(error, "the token was accepted").toBeDefined();
  const { message, extensions } = error as { message: string; extensions: { code: string } };
  return { message, code: extensions.code };
}

describe("a caller's token", () => {
  const authenticate = callerAuthenticator(settings);

  it.each([
    ["an hour", { iat: now(), exp: now() + HOUR }],
    ["a day, issued a second ago", { iat: now() - 1, exp: now() - 1 + 24 * HOUR }],
    ["an hour, without iat", { exp: now() + HOUR }],
    ["an issue time a few seconds ahead of ours", { iat: now() + 5, exp: now() + HOUR }],
  ])("living %s is accepted", async (_, claims) => {
    expect(await authenticate(`Bearer ${await callerToken(claims)}`)).toEqual({ subject: "someone", roles: ["reader"] });
  });

  it.each([
    ["a hundred years", { iat: now(), exp: now() + 100 * 365 * 24 * HOUR }],
    ["25 hours", { iat: now(), exp: now() + 25 * HOUR }],
    ["25 hours from now, without iat", { exp: now() + 25 * HOUR }],
    ["two days, issued yesterday", { iat: now() - 24 * HOUR, exp: now() + 24 * HOUR }],
  ])("living %s is refused as living too long", async (_, claims) => {
    expect(await refusal(authenticate(`Bearer ${await callerToken(claims)}`))).toEqual({
      code: "UNAUTHENTICATED",
      message: "The token lives longer than the 24 h allowed; ask for one that expires sooner.",
    });
  });

  it("issued in the future is refused", async () => {
    const token = await callerToken({ iat: now() + HOUR, exp: now() + 2 * HOUR });
    expect(await refusal(authenticate(`Bearer ${token}`))).toEqual({
      code: "UNAUTHENTICATED",
      message: "The token's issue time (iat) is in the future; check the issuer's clock.",
    });
  });

  it("may live as long as AUTH_MAX_TOKEN_LIFETIME_HOURS says", async () => {
    const week = callerAuthenticator(readAuthSettings({ AUTH_MAX_TOKEN_LIFETIME_HOURS: "168" }, "development"));
    const token = await callerToken({ iat: now(), exp: now() + 100 * HOUR });
    expect(await week(`Bearer ${token}`)).toMatchObject({ subject: "someone" });
    expect(() => readAuthSettings({ AUTH_MAX_TOKEN_LIFETIME_HOURS: "forever" }, "development")).toThrow(/positive number of hours/);
  });
});

describe("an internal token", async () => {
  const key = await gatewaySigningKey();
  const verify = internalTokenVerifier("agencies", key.jwks);

  function internalToken({ audience = "agencies", iat = now(), exp = now() + 60 }: { audience?: string | string[]; iat?: number | null; exp?: number }) {
    const jwt = new SignJWT({ roles: ["admin"] })
      .setProtectedHeader({ alg: "EdDSA", kid: key.jwks.keys[0]!.kid! })
      .setIssuer("liaison-gateway")
      .setAudience(audience)
      .setSubject("someone")
      .setExpirationTime(exp);
    if (iat !== null) jwt.setIssuedAt(iat);
    return jwt.sign(key.privateKey);
  }

  it("as the gateway issues it is accepted", async () => {
    const token = await internalTokenIssuer(key)({ subject: "someone", roles: ["reader"] }, "agencies");
    expect(await verify(`Bearer ${token}`)).toEqual({ subject: "someone", roles: ["reader"] });
  });

  it.each([
    ["living ten years", { exp: now() + 10 * 365 * 24 * HOUR }],
    ["living two minutes", { exp: now() + 120 }],
    ["naming several subgraphs", { audience: ["agencies", "news"] }],
    ["without an issue time", { iat: null }],
    ["issued in the future", { iat: now() + HOUR, exp: now() + HOUR + 60 }],
  ])("%s is refused", async (_, claims) => {
    expect(await refusal(verify(`Bearer ${await internalToken(claims)}`))).toMatchObject({ code: "UNAUTHENTICATED" });
  });
});
