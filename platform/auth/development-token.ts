import { SignJWT } from "jose";
import type { AuthSettings } from "../config.ts";
import type { Role } from "./identity.ts";

export interface DevelopmentTokenClaims {
  subject: string;
  roles: Role[];
  /** A jose time span such as "1h", or seconds since the epoch. */
  expiresAt?: string | number;
}

/** Signs a caller token with the HS256 secret the gateway verifies in development. */
export function mintDevelopmentToken(
  settings: Pick<AuthSettings, "jwtSecret" | "issuer" | "audience">,
  { subject, roles, expiresAt = "1h" }: DevelopmentTokenClaims,
): Promise<string> {
  if (!settings.jwtSecret) throw new Error("No AUTH_JWT_SECRET to sign development tokens with.");
  return new SignJWT({ roles })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(subject)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .sign(new TextEncoder().encode(settings.jwtSecret));
}
