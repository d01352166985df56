import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { callerAuthenticator } from "../../gateway/authenticate.ts";
import { mintDevelopmentToken } from "../../platform/auth/development-token.ts";
import type { Identity } from "../../platform/auth/identity.ts";
import { gatewaySigningKey, internalTokenIssuer, internalTokenVerifier } from "../../platform/auth/internal-token.ts";
import { rememberVerifiedTokens, type VerifiedToken } from "../../platform/auth/verified-tokens.ts";
import { readAuthSettings } from "../../platform/config.ts";

// Verified tokens are remembered, never past their expiry.

const NOW = new Date("2026-06-01T12:00:00Z");
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

describe("rememberVerifiedTokens", () => {
  function counting(expiresAt = seconds(NOW) + 60) {
    const verified: string[] = [];
    const verify = async (token: string): Promise<VerifiedToken> => {
      verified.push(token);
      if (token.startsWith("bad")) throw new Error("not valid");
      return { identity: { subject: token, roles: ["reader"] }, expiresAt };
    };
    return { verified, verify };
  }

  it("verifies a token once while it lasts, and again once it has expired", async () => {
    const { verified, verify } = counting();
    const remembered = rememberVerifiedTokens(verify);
    expect(await remembered("a")).toEqual({ subject: "a", roles: ["reader"] });
    vi.setSystemTime(NOW.getTime() + 59_000);
    await remembered("a");
    expect(verified).toEqual(["a"]);
    vi.setSystemTime(NOW.getTime() + 60_000);
    await remembered("a");
    expect(verified).toEqual(["a", "a"]);
  });

  it("remembers no failure", async () => {
    const { verified, verify } = counting();
    const remembered = rememberVerifiedTokens(verify);
    await expect(remembered("bad")).rejects.toThrow();
    await expect(remembered("bad")).rejects.toThrow();
    expect(verified).toEqual(["bad", "bad"]);
  });

  it("keeps at most its bound, forgetting the oldest first", async () => {
    const { verified, verify } = counting();
    const remembered = rememberVerifiedTokens(verify, 2);
    for (const token of ["a", "b", "c", "b", "c", "a"]) await remembered(token);
    expect(verified).toEqual(["a", "b", "c", "a"]);
  });

  it("hands out an identity no request can change", async () => {
    const identity: Identity = await rememberVerifiedTokens(counting().verify)("a");
    expect(Object.isFrozen(identity) && Object.isFrozen(identity.roles)).toBe(true);
  });
});

describe("a remembered token that has expired is refused", () => {
  it("by the gateway, for a caller's token", async () => {
    const settings = readAuthSettings({}, "development");
    const authenticate = callerAuthenticator(settings);
    const token = await mintDevelopmentToken(settings, { subject: "someone", roles: ["editor"], expiresAt: seconds(NOW) + 30 });
    expect(await authenticate(`Bearer ${token}`)).toEqual({ subject: "someone", roles: ["editor"] });
    vi.setSystemTime(NOW.getTime() + 30_000);
    await expect(authenticate(`Bearer ${token}`)).rejects.toMatchObject({
      message: "The token has expired.",
      extensions: { code: "UNAUTHENTICATED" },
    });
  });

  it("by a subgraph, for the gateway's internal token", async () => {
    const key = await gatewaySigningKey();
    const token = await internalTokenIssuer(key)({ subject: "someone", roles: ["reader"] }, "agencies");
    const authenticate = internalTokenVerifier("agencies", key.jwks);
    expect(await authenticate(`Bearer ${token}`)).toEqual({ subject: "someone", roles: ["reader"] });
    vi.setSystemTime(NOW.getTime() + 60_000);
    await expect(authenticate(`Bearer ${token}`)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
  });
});
