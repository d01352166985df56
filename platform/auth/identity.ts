import { GraphQLError } from "graphql";
import { ErrorCode } from "../graphql/error-codes.ts";

/** Roles in increasing power; each role can do everything the ones before it can. */
export const ROLES = ["reader", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking. An anonymous caller has no subject. */
export interface Identity {
  subject: string | null;
  roles: Role[];
}

export function isRole(value: unknown): value is Role {
  return ROLES.includes(value as Role);
}

export function hasRole(identity: Identity, needed: Role): boolean {
  const rank = ROLES.indexOf(needed);
  return identity.roles.some((role) => ROLES.indexOf(role) >= rank);
}

/** The roles claim of a token, keeping only roles Liaison knows. */
export function rolesFromClaim(claim: unknown): Role[] {
  return Array.isArray(claim) ? claim.filter(isRole) : [];
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
  });
}

/** `httpStatus` for a refusal of the whole request rather than of one field. */
export function forbidden(message: string, httpStatus?: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.FORBIDDEN, ...(httpStatus && { http: { status: httpStatus } }) },
  });
}
