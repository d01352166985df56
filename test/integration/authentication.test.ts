import { SignJWT, UnsecuredJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gatewaySigningKey, internalTokenIssuer } from "../../platform/auth/internal-token.ts";
import { errorCode } from "../support/responses.ts";
import { startTestSupergraph, type TestSupergraph } from "../support/test-supergraph.ts";

const MI5 = `{ agency(slug: "mi5") { shortName } }`;

function callerToken(
  liaison: TestSupergraph,
  claims: { issuer?: string; audience?: string; expiresAt?: number | string; secret?: string; alg?: string } = {},
) {
  return new SignJWT({ roles: ["reader"] })
    .setProtectedHeader({ alg: claims.alg ?? "HS256" })
    .setSubject("someone")
    .setIssuer(claims.issuer ?? liaison.auth.issuer)
    .setAudience(claims.audience ?? liaison.auth.audience)
    .setExpirationTime(claims.expiresAt ?? "5m")
    .sign(new TextEncoder().encode(claims.secret ?? liaison.auth.jwtSecret));
}

describe("when anonymous reads are not allowed (production's default)", () => {
  let liaison: TestSupergraph;
  beforeAll(async () => {
    liaison = await startTestSupergraph({ authEnv: { AUTH_ALLOW_ANONYMOUS_READS: "false" } });
  });
  afterAll(() => liaison?.stop());

  async function expectUnauthenticated(token: string | undefined, headers?: Record<string, string>) {
    const response = await liaison.query(MI5, undefined, { token, headers });
    expect(response.status).toBe(401);
    expect(errorCode(response)).toBe("UNAUTHENTICATED");
    expect(response.body.data ?? null).toBeNull();
  }

  it("answers a caller with a valid token", async () => {
    const response = await liaison.query(MI5, undefined, { token: await liaison.tokenFor("reader") });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { agency: { shortName: "MI5" } } });
  });

  it("refuses a caller without a token", () => expectUnauthenticated(undefined));

  it("refuses an Authorization header that is not a bearer token", () =>
    expectUnauthenticated(undefined, { authorization: "Basic dXNlcjpwYXNz" }));

  it("refuses an expired token", async () =>
    expectUnauthenticated(await callerToken(liaison, { expiresAt: Math.floor(Date.now() / 1000) - 60 })));

  it("refuses a token for another audience or from another issuer", async () => {
    await expectUnauthenticated(await callerToken(liaison, { audience: "someone-else" }));
    await expectUnauthenticated(await callerToken(liaison, { issuer: "someone-else" }));
  });

  it("refuses a forged token", async () =>
    expectUnauthenticated(await callerToken(liaison, { secret: "a-different-secret-of-at-least-32-chars" })));

  it("refuses an unsigned (alg: none) token", async () => {
    const unsigned = new UnsecuredJWT({ roles: ["admin"] })
      .setSubject("mallory")
      .setIssuer(liaison.auth.issuer)
      .setAudience(liaison.auth.audience)
      .setExpirationTime("5m")
      .encode();
    await expectUnauthenticated(unsigned);
  });

  it("refuses a token signed with an algorithm it does not accept", async () =>
    expectUnauthenticated(await callerToken(liaison, { alg: "HS512" })));

  it("refuses a token with no subject", async () => {
    const anonymous = await new SignJWT({ roles: ["admin"] })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer(liaison.auth.issuer)
      .setAudience(liaison.auth.audience)
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode(liaison.auth.jwtSecret));
    await expectUnauthenticated(anonymous);
  });
});

describe("subgraphs", () => {
  let liaison: TestSupergraph;
  beforeAll(async () => {
    liaison = await startTestSupergraph();
  });
  afterAll(() => liaison?.stop());

  const SERVICE = `{ _service { sdl } }`;

  it("lets anonymous callers read through the gateway in development", async () => {
    const response = await liaison.query(MI5);
    expect(response.body).toEqual({ data: { agency: { shortName: "MI5" } } });
  });

  it("refuse a direct call without the gateway's token, including _service and _entities", async () => {
    for (const query of [MI5, SERVICE, `{ _entities(representations: []) { __typename } }`]) {
      const response = await liaison.querySubgraph("agencies", query);
      expect(response.status, query).toBe(401);
      expect(errorCode(response)).toBe("UNAUTHENTICATED");
    }
  });

  it("refuse a caller's own token", async () => {
    const response = await liaison.querySubgraph("agencies", MI5, undefined, { token: await liaison.tokenFor("admin") });
    expect(response.status).toBe(401);
  });

  it("refuse an internal token addressed to another subgraph", async () => {
    const response = await liaison.querySubgraph("agencies", MI5, undefined, {
      token: await liaison.gatewayTokenFor("some-other-subgraph"),
    });
    expect(response.status).toBe(401);
  });

  it("refuse an internal token signed by another key", async () => {
    const impostor = internalTokenIssuer(await gatewaySigningKey());
    const response = await liaison.querySubgraph("agencies", MI5, undefined, {
      token: await impostor({ subject: "mallory", roles: ["admin"] }, "agencies"),
    });
    expect(response.status).toBe(401);
  });

  it("answer the gateway's token for them", async () => {
    const response = await liaison.querySubgraph("agencies", SERVICE, undefined, {
      token: await liaison.gatewayTokenFor("agencies"),
    });
    expect(response.status).toBe(200);
    expect(response.body.data._service.sdl).toContain("type Agency");
  });

  it("refuse a caller the gateway vouches for without any role", async () => {
    const issue = internalTokenIssuer(liaison.supergraph.signingKey);
    const response = await liaison.querySubgraph("agencies", MI5, undefined, {
      token: await issue({ subject: "nobody", roles: [] }, "agencies"),
    });
    expect(response.status).toBe(403);
    expect(errorCode(response)).toBe("FORBIDDEN");
  });

  it("can fetch the gateway's public key, and only the public key", async () => {
    const response = await fetch(new URL("/.well-known/jwks.json", liaison.supergraph.gateway.url));
    const { keys } = await response.json();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig" });
    expect(keys[0].d).toBeUndefined();
  });
});
