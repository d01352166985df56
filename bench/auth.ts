import { generateKeyPairSync, randomBytes } from "node:crypto";
import { callerAuthenticator } from "../gateway/authenticate.ts";
import { mintDevelopmentToken } from "../platform/auth/development-token.ts";
import {
  gatewaySigningKey,
  internalTokenIssuer,
  internalTokenVerifier,
  type CallerAuthenticator,
  type GatewaySigningKey,
  type InternalTokenIssuer,
} from "../platform/auth/internal-token.ts";
import { readAuthSettings, type AuthSettings } from "../platform/config.ts";

// Every target does the same authentication work per request, with the same
// code: it verifies the caller's HS256 bearer token (Liaison's
// callerAuthenticator, which remembers a verified token until it expires),
// and each gateway signs, per subgraph fetch, the internal EdDSA token the
// subgraphs require (Liaison's internalTokenIssuer, which reuses a token per
// caller and subgraph while it is fresh). The SQL floor verifies the
// caller's token and has no subgraph to vouch to.
// Everything that depends on the shape of Liaison's auth code is in this file.

/** Secrets for one bench run, handed to every process through its environment. */
export interface BenchSecrets {
  readonly env: Readonly<Record<string, string>>;
}

export function makeBenchSecrets(): BenchSecrets {
  const { privateKey } = generateKeyPairSync("ed25519");
  return {
    env: {
      NODE_ENV: "production",
      AUTH_JWT_SECRET: randomBytes(32).toString("hex"),
      AUTH_ALLOW_ANONYMOUS_READS: "false",
      GATEWAY_SIGNING_KEY: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    },
  };
}

/** The caller settings a bench process reads from its environment (production rules). */
export function benchAuthSettings(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  return readAuthSettings(env, "production");
}

/** The bearer token the load generator sends: a reader, valid for the whole run. */
export function benchCallerToken(env: NodeJS.ProcessEnv): Promise<string> {
  return mintDevelopmentToken(benchAuthSettings(env), {
    subject: "bench",
    roles: ["reader"],
    expiresAt: "6h",
  });
}

export function benchCallerAuthenticator(): CallerAuthenticator {
  return callerAuthenticator(benchAuthSettings());
}

export function benchSigningKey(): Promise<GatewaySigningKey> {
  const pem = process.env.GATEWAY_SIGNING_KEY;
  if (!pem) throw new Error("GATEWAY_SIGNING_KEY is not set: start bench processes from bench/run.ts.");
  return gatewaySigningKey(pem);
}

/** Signs the internal tokens a gateway sends each subgraph (for non-Liaison gateways). */
export async function benchInternalTokenIssuer(): Promise<InternalTokenIssuer> {
  return internalTokenIssuer(await benchSigningKey());
}

/** What a subgraph checks on every request: a token from the bench's gateway key. */
export async function benchSubgraphAuthenticator(subgraph: string): Promise<CallerAuthenticator> {
  return internalTokenVerifier(subgraph, (await benchSigningKey()).jwks);
}
