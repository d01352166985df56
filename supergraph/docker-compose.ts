import { subgraphs } from "./registry.ts";

/** Where every Liaison process serves /metrics in production. */
export const MANAGEMENT_PORT = 9464;

/**
 * docker-compose.yml, derived from the registry: Postgres, a one-shot
 * migrate-and-seed job, a service per subgraph and the gateway, each
 * started once what it needs is ready. Secrets have no defaults: compose
 * refuses to start without them.
 */
export function dockerCompose(): string {
  const gatewayPort = 4000;
  const lines = [
    "# Written by `npm run compose` from supergraph/registry.ts (the generator is",
    "# supergraph/docker-compose.ts): edit those, not this file.",
    "#",
    "# Secrets have no defaults; set them in the environment or an .env file:",
    "#   POSTGRES_PASSWORD   the database's password",
    "#   AUTH_JWT_SECRET     HS256 secret for callers' tokens (32+ characters), or",
    "#   AUTH_JWKS_URL       the identity provider's keys instead",
    "#   GATEWAY_SIGNING_KEY the gateway's Ed25519 key (PKCS#8 PEM), shared by its replicas",
    "# Every process checks the callers' token settings at start-up, and in",
    "# production stops unless AUTH_JWT_SECRET or AUTH_JWKS_URL is set.",
    "x-liaison: &liaison",
    "  build: .",
    "  image: liaison:latest",
    "  restart: unless-stopped",
    "  environment: &liaison-env",
    "    DATABASE_URL: postgresql://liaison:${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}@postgres:5432/liaison",
    "    NODE_ENV: production",
    "    HOST: 0.0.0.0",
    `    MANAGEMENT_PORT: "${MANAGEMENT_PORT}"`,
    "    AUTH_JWKS_URL: ${AUTH_JWKS_URL:-}",
    "    AUTH_JWT_SECRET: ${AUTH_JWT_SECRET:-}",
    "    AUTH_ISSUER: ${AUTH_ISSUER:-liaison}",
    "    AUTH_AUDIENCE: ${AUTH_AUDIENCE:-liaison}",
    "    # Subgraphs trust only tokens signed with the gateway's published key.",
    `    GATEWAY_JWKS_URL: http://gateway:${gatewayPort}/.well-known/jwks.json`,
    "  # Node is PID 1: SIGTERM reaches it, and it drains before this runs out.",
    "  stop_grace_period: 30s",
    "",
    "services:",
    "  postgres:",
    "    image: postgres:17",
    "    environment:",
    "      POSTGRES_USER: liaison",
    "      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}",
    "      POSTGRES_DB: liaison",
    "    volumes:",
    "      - postgres-data:/var/lib/postgresql/data",
    "    healthcheck:",
    '      test: ["CMD-SHELL", "pg_isready -U liaison -d liaison"]',
    "      interval: 5s",
    "      timeout: 3s",
    "      retries: 20",
    "",
    "  migrate:",
    "    <<: *liaison",
    '    restart: "no"',
    '    command: ["node", "scripts/prepare-database.ts"]',
    "    depends_on:",
    "      postgres:",
    "        condition: service_healthy",
    ...subgraphs.flatMap(({ name, port }) => [
      "",
      `  ${name}:`,
      "    <<: *liaison",
      `    command: ["node", "scripts/serve-subgraph.ts", "${name}"]`,
      "    environment:",
      "      <<: *liaison-env",
      `      ${name.toUpperCase()}_PORT: "${port}"`,
      "    depends_on:",
      "      migrate:",
      "        condition: service_completed_successfully",
      ...healthcheck(port),
    ]),
    "",
    "  gateway:",
    "    <<: *liaison",
    '    command: ["node", "scripts/serve-gateway.ts"]',
    "    environment:",
    "      <<: *liaison-env",
    `      PORT: "${gatewayPort}"`,
    ...subgraphs.map(({ name, port }) => `      ${name.toUpperCase()}_URL: http://${name}:${port}/graphql`),
    "      GATEWAY_SIGNING_KEY: ${GATEWAY_SIGNING_KEY:?set GATEWAY_SIGNING_KEY}",
    "    ports:",
    `      - "${gatewayPort}:${gatewayPort}"`,
    "    depends_on:",
    ...subgraphs.flatMap(({ name }) => [`      ${name}:`, "        condition: service_healthy"]),
    ...healthcheck(gatewayPort),
    "",
    "volumes:",
    "  postgres-data:",
    "",
  ];
  return lines.join("\n");
}

/** Healthy once the process answers /ready (scripts/probe.ts). */
function healthcheck(port: number): string[] {
  return [
    "    healthcheck:",
    `      test: ["CMD", "node", "scripts/probe.ts", "/ready", "${port}"]`,
    "      interval: 5s",
    "      timeout: 3s",
    "      retries: 20",
  ];
}
