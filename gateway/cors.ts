import fastifyCors from "@fastify/cors";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** How long a browser may reuse a preflight's answer, in seconds. */
const PREFLIGHT_MAX_AGE = 600;

/**
 * Lets pages on the allowed origins call the gateway from a browser: a
 * preflight from one is answered with the methods and the headers it asked
 * for, and every response to one names it in `Access-Control-Allow-Origin`.
 * Other origins get no `Access-Control-*` header at all, and their
 * preflights are refused with 403. Requests without an `Origin` (servers,
 * curl) and same-origin pages are not affected. Apollo Server's CSRF
 * prevention still refuses simple requests (a form post, a plain GET
 * without `apollo-require-preflight`) from anywhere.
 */
export function allowBrowserOrigins(app: FastifyInstance, origins: readonly string[]): void {
  const isAllowed = originMatcher(origins);
  app.addHook("onRequest", async (request, reply) => {
    if (!isPreflight(request)) return;
    if (!isAllowed(request.headers.origin!)) {
      return reply.code(403).type("text/plain").send(`The origin ${request.headers.origin} may not call this gateway (CORS_ORIGINS).`);
    }
    allowPrivateNetworkWhenAsked(request, reply);
  });
  app.register(fastifyCors, {
    origin: (origin, callback) => callback(null, origin !== undefined && isAllowed(origin)),
    methods: ["GET", "POST"],
    maxAge: PREFLIGHT_MAX_AGE,
  });
}

/** Matches an origin against exact origins and `scheme://host:*` patterns. */
export function originMatcher(origins: readonly string[]): (origin: string) => boolean {
  const exact = new Set(origins.filter((origin) => !origin.endsWith(":*")));
  const anyPort = origins.filter((origin) => origin.endsWith(":*")).map((origin) => origin.slice(0, -2));
  return (origin) =>
    exact.has(origin) ||
    anyPort.some((prefix) => origin === prefix || (origin.startsWith(`${prefix}:`) && /^\d+$/.test(origin.slice(prefix.length + 1))));
}

function isPreflight(request: FastifyRequest): boolean {
  return request.method === "OPTIONS" && request.headers.origin !== undefined &&
    request.headers["access-control-request-method"] !== undefined;
}

/**
 * Chromium asks before a public page (Apollo's hosted Sandbox) calls an
 * address on the caller's own network or machine (Private Network Access).
 */
function allowPrivateNetworkWhenAsked(request: FastifyRequest, reply: FastifyReply): void {
  if (request.headers["access-control-request-private-network"] === "true") {
    reply.header("Access-Control-Allow-Private-Network", "true");
  }
}
