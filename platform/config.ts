/**
 * Everything Liaison reads from the environment, read and checked in one
 * place. A missing or malformed value stops start-up with a one-line reason.
 */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export type Environment = "development" | "test" | "production";

export interface Config {
  environment: Environment;
  /** Postgres to use; embedded Postgres is started when absent. */
  databaseUrl: string | undefined;
  host: string;
  gatewayPort: number;
  /** Folder where embedded Postgres keeps its data. */
  embeddedDataDir: string;
  auth: AuthSettings;
  /** The gateway's Ed25519 key (PKCS#8 PEM) for internal tokens; a new one per start when absent. */
  gatewaySigningKey: string | undefined;
  /** Where a subgraph running on its own fetches the gateway's public keys. */
  gatewayJwksUrl: string;
  browser: BrowserSettings;
  http: HttpTimeouts;
  shutdown: ShutdownSettings;
  /** The gateway's response cache (`RESPONSE_CACHE`, `RESPONSE_CACHE_MB`); undefined when off. */
  responseCache: ResponseCacheConfig | undefined;
  logging: LogSettings;
  /** Whether the standard OTEL_* variables ask for traces over OTLP. */
  tracing: boolean;
  /** Where /metrics is served apart from the public port; unset, nowhere apart. */
  managementPort: number | undefined;
  operations: OperationSettings;
}

/** What the gateway lets one admitted operation take. */
export interface OperationSettings {
  /** How long it may run, from its arrival (`OPERATION_DEADLINE_MS`); its subgraph fetches are cancelled then. */
  deadlineMs: number;
  /** How much its subgraphs' answers may add up to (`OPERATION_MAX_RESPONSE_MB`), in bytes. */
  maxResponseBytes: number;
}

export const DEFAULT_OPERATION_SETTINGS: OperationSettings = { deadlineMs: 10_000, maxResponseBytes: 16 * 1024 * 1024 };

/** How long a client may take, so slow clients are cut rather than held. */
export interface HttpTimeouts {
  /** To send a request's headers. */
  headersMs: number;
  /** To send a whole request, body included. */
  requestMs: number;
  /** An idle keep-alive connection stays open; above a load balancer's idle timeout. */
  keepAliveMs: number;
}

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 72_000 };

/** How a process stops on SIGTERM or Ctrl-C. */
export interface ShutdownSettings {
  /** How long to keep serving with `/ready` answering 503 before the listener closes. */
  delayMs: number;
  /** How long the whole drain may take, delay included; connections still open then are cut. */
  deadlineMs: number;
}

/** The gateway's response cache. */
export interface ResponseCacheConfig {
  /** Memory the cached responses may take. */
  maxBytes: number;
}

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export const LOG_FORMATS = ["json", "pretty"] as const;

/** What the servers log and how. */
export interface LogSettings {
  level: (typeof LOG_LEVELS)[number];
  /** JSON lines for machines, or readable lines for a person at a terminal. */
  format: (typeof LOG_FORMATS)[number];
}

/** How the gateway authenticates callers. */
export interface AuthSettings {
  /** HS256 secret, for development. */
  jwtSecret: string | undefined;
  /** An identity provider's JWKS, for production; wins over the secret. */
  jwksUrl: string | undefined;
  /** Algorithms accepted from the JWKS. */
  jwksAlgorithms: string[];
  issuer: string;
  audience: string;
  /** Whether a caller without a token may read. */
  allowAnonymousReads: boolean;
  /** The longest life (exp - iat) a caller's token may have. */
  maxTokenLifetimeSeconds: number;
}

/** Known to everyone who reads this file: never accepted in production. */
export const DEVELOPMENT_JWT_SECRET = "liaison-development-secret-not-for-production";
const MIN_SECRET_LENGTH = 32;

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const environment = readEnvironment(env.NODE_ENV);
  const gatewayPort = readPort("PORT", env.PORT, 4000);
  return {
    environment,
    databaseUrl: readDatabaseUrl(env.DATABASE_URL),
    host: env.HOST || "127.0.0.1",
    gatewayPort,
    embeddedDataDir: env.LIAISON_DATA_DIR || new URL("../.liaison/pgdata", import.meta.url).pathname,
    auth: readAuthSettings(env, environment),
    gatewaySigningKey: env.GATEWAY_SIGNING_KEY || undefined,
    gatewayJwksUrl: readUrl("GATEWAY_JWKS_URL", env.GATEWAY_JWKS_URL) ??
      `http://127.0.0.1:${gatewayPort}/.well-known/jwks.json`,
    browser: readBrowserSettings(env, environment),
    http: readHttpTimeouts(env),
    shutdown: {
      delayMs: readMilliseconds("SHUTDOWN_DELAY_MS", env.SHUTDOWN_DELAY_MS, 0),
      deadlineMs: readMilliseconds("SHUTDOWN_DEADLINE_MS", env.SHUTDOWN_DEADLINE_MS, 25_000),
    },
    responseCache: readResponseCacheConfig(env),
    logging: readLogSettings(env),
    tracing: tracingRequested(env),
    managementPort: env.MANAGEMENT_PORT ? readPort("MANAGEMENT_PORT", env.MANAGEMENT_PORT, 0) : undefined,
    operations: readOperationSettings(env),
  };
}

export function readOperationSettings(env: NodeJS.ProcessEnv): OperationSettings {
  const deadlineMs = readMilliseconds("OPERATION_DEADLINE_MS", env.OPERATION_DEADLINE_MS, DEFAULT_OPERATION_SETTINGS.deadlineMs);
  if (deadlineMs === 0) throw new ConfigError("OPERATION_DEADLINE_MS must be more than 0.");
  const megabytes = env.OPERATION_MAX_RESPONSE_MB ? Number(env.OPERATION_MAX_RESPONSE_MB) : undefined;
  if (megabytes !== undefined && (!Number.isInteger(megabytes) || megabytes < 1)) {
    throw new ConfigError(`OPERATION_MAX_RESPONSE_MB must be a whole number of megabytes, not "${env.OPERATION_MAX_RESPONSE_MB}".`);
  }
  return { deadlineMs, maxResponseBytes: megabytes === undefined ? DEFAULT_OPERATION_SETTINGS.maxResponseBytes : megabytes * 1024 * 1024 };
}

export function readHttpTimeouts(env: NodeJS.ProcessEnv): HttpTimeouts {
  const read = (variable: string, fallback: number) => {
    const milliseconds = readMilliseconds(variable, env[variable], fallback);
    if (milliseconds === 0) throw new ConfigError(`${variable} must be more than 0.`);
    return milliseconds;
  };
  const timeouts = {
    headersMs: read("HTTP_HEADERS_TIMEOUT_MS", DEFAULT_HTTP_TIMEOUTS.headersMs),
    requestMs: read("HTTP_REQUEST_TIMEOUT_MS", DEFAULT_HTTP_TIMEOUTS.requestMs),
    keepAliveMs: read("HTTP_KEEP_ALIVE_TIMEOUT_MS", DEFAULT_HTTP_TIMEOUTS.keepAliveMs),
  };
  if (timeouts.headersMs > timeouts.requestMs) {
    throw new ConfigError("HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS.");
  }
  return timeouts;
}

export function readResponseCacheConfig(env: NodeJS.ProcessEnv): ResponseCacheConfig | undefined {
  if (!readBoolean("RESPONSE_CACHE", env.RESPONSE_CACHE, true)) return undefined;
  const megabytes = env.RESPONSE_CACHE_MB ? Number(env.RESPONSE_CACHE_MB) : 64;
  if (!Number.isInteger(megabytes) || megabytes < 1) {
    throw new ConfigError(`RESPONSE_CACHE_MB must be a whole number of megabytes, not "${env.RESPONSE_CACHE_MB}".`);
  }
  return { maxBytes: megabytes * 1024 * 1024 };
}

/**
 * Traces are exported when the standard OpenTelemetry variables name an
 * OTLP endpoint, unless they turn the SDK or the exporter off.
 */
function tracingRequested(env: NodeJS.ProcessEnv): boolean {
  if (env.OTEL_SDK_DISABLED === "true" || env.OTEL_TRACES_EXPORTER === "none") return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/** LOG_LEVEL (info) and LOG_FORMAT (json). */
export function readLogSettings(env: NodeJS.ProcessEnv): LogSettings {
  return {
    level: readChoice("LOG_LEVEL", env.LOG_LEVEL, LOG_LEVELS, "info"),
    format: readChoice("LOG_FORMAT", env.LOG_FORMAT, LOG_FORMATS, "json"),
  };
}

function readChoice<Choice extends string>(variable: string, value: string | undefined, choices: readonly Choice[], fallback: Choice): Choice {
  if (!value) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as Choice;
  throw new ConfigError(`${variable} must be ${choices.join(", ")}, not "${value}".`);
}

export function readAuthSettings(env: NodeJS.ProcessEnv, environment: Environment): AuthSettings {
  const production = environment === "production";
  const jwksUrl = readUrl("AUTH_JWKS_URL", env.AUTH_JWKS_URL);
  const jwtSecret = env.AUTH_JWT_SECRET || (production ? undefined : DEVELOPMENT_JWT_SECRET);
  if (!jwksUrl && !jwtSecret) {
    throw new ConfigError("In production set AUTH_JWKS_URL (or AUTH_JWT_SECRET) to verify callers' tokens.");
  }
  if (!jwksUrl && jwtSecret!.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(`AUTH_JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters.`);
  }
  return {
    jwtSecret,
    jwksUrl,
    jwksAlgorithms: (env.AUTH_JWKS_ALGORITHMS || "RS256,ES256,EdDSA").split(",").map((name) => name.trim()),
    issuer: env.AUTH_ISSUER || "liaison",
    audience: env.AUTH_AUDIENCE || "liaison",
    allowAnonymousReads: readBoolean("AUTH_ALLOW_ANONYMOUS_READS", env.AUTH_ALLOW_ANONYMOUS_READS, !production),
    maxTokenLifetimeSeconds: readMaxTokenLifetime(env.AUTH_MAX_TOKEN_LIFETIME_HOURS),
  };
}

function readMaxTokenLifetime(value: string | undefined): number {
  if (value === undefined || value === "") return 24 * 3600;
  const hours = Number(value);
  if (!Number.isFinite(hours) || hours <= 0) {
    throw new ConfigError(`AUTH_MAX_TOKEN_LIFETIME_HOURS must be a positive number of hours, not "${value}".`);
  }
  return Math.round(hours * 3600);
}

/** What the gateway offers pages in a browser. */
export interface BrowserSettings {
  /**
   * Origins whose pages may call the gateway (CORS): exact origins such as
   * `https://dashboard.example.org`, or with `:*` for any port.
   */
  corsOrigins: string[];
  /**
   * What a browser opening /graphql gets: the bundled GraphiQL (nothing
   * leaves the network), Apollo's embedded Sandbox (loaded from Apollo's
   * CDN), or nothing.
   */
  explorer: ExplorerKind;
  persistedOperations: PersistedOperationSettings;
}

/** Operations dashboards pin in Apollo persisted query manifests. */
export interface PersistedOperationSettings {
  /** Paths of the manifests whose operations may be sent by id. */
  manifests: string[];
  /** Run nothing but the manifests' operations (a production switch). */
  safelistOnly: boolean;
}

export const EXPLORER_KINDS = ["graphiql", "sandbox", "off"] as const;
export type ExplorerKind = (typeof EXPLORER_KINDS)[number];

/** Outside production: pages on this machine, and Apollo's hosted Sandbox (which calls from its own origin). */
export const DEVELOPMENT_CORS_ORIGINS = [
  "http://localhost:*",
  "http://127.0.0.1:*",
  "http://[::1]:*",
  "https://studio.apollographql.com",
];

export function readBrowserSettings(env: NodeJS.ProcessEnv, environment: Environment): BrowserSettings {
  return {
    corsOrigins: env.CORS_ORIGINS
      ? env.CORS_ORIGINS.split(",").map((origin) => readOrigin(origin.trim()))
      : environment === "production" ? [] : DEVELOPMENT_CORS_ORIGINS,
    explorer: readChoice("EXPLORER", env.EXPLORER, EXPLORER_KINDS, environment === "production" ? "off" : "graphiql"),
    persistedOperations: readPersistedOperationSettings(env),
  };
}

function readPersistedOperationSettings(env: NodeJS.ProcessEnv): PersistedOperationSettings {
  const manifests = (env.PERSISTED_OPERATIONS ?? "").split(",").map((path) => path.trim()).filter(Boolean);
  const safelistOnly = readBoolean("PERSISTED_OPERATIONS_ONLY", env.PERSISTED_OPERATIONS_ONLY, false);
  if (safelistOnly && manifests.length === 0) {
    throw new ConfigError("PERSISTED_OPERATIONS_ONLY=true needs PERSISTED_OPERATIONS: the manifests whose operations may run.");
  }
  return { manifests, safelistOnly };
}

/** An origin as a browser sends it (scheme, host, port; no path), where the port may be `*`. */
function readOrigin(value: string): string {
  const withoutPortWildcard = value.endsWith(":*") ? value.slice(0, -2) : value;
  const url = URL.canParse(withoutPortWildcard) ? new URL(withoutPortWildcard) : undefined;
  if (!url || !["http:", "https:"].includes(url.protocol) || url.origin !== withoutPortWildcard || url.hostname.includes("*")) {
    throw new ConfigError(`CORS_ORIGINS takes origins such as https://dashboard.example.org or http://localhost:*, not "${value}".`);
  }
  return value;
}

/** The port of a subgraph: `<NAME>_PORT`, e.g. `AGENCIES_PORT`, or its default. */
export function subgraphPort(name: string, defaultPort: number, env = process.env): number {
  const variable = `${name.toUpperCase()}_PORT`;
  return readPort(variable, env[variable], defaultPort);
}

/**
 * How long an idempotency key binds the request it was first used for:
 * IDEMPOTENCY_KEY_HOURS, 24 by default. Read by platform/writes when the
 * subgraphs load, so a malformed value stops start-up.
 */
export function readIdempotencyKeyHours(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.IDEMPOTENCY_KEY_HOURS;
  if (value === undefined || value === "") return 24;
  const hours = Number(value);
  if (!Number.isFinite(hours) || hours <= 0) {
    throw new ConfigError(`IDEMPOTENCY_KEY_HOURS must be a positive number of hours, not "${value}".`);
  }
  return hours;
}

export function isDevelopment(config: Pick<Config, "environment">): boolean {
  return config.environment !== "production";
}

function readEnvironment(value: string | undefined): Environment {
  if (!value) return "development";
  if (value === "development" || value === "test" || value === "production") return value;
  throw new ConfigError(`NODE_ENV must be development, test or production, not "${value}".`);
}

function readDatabaseUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || !["postgres:", "postgresql:"].includes(url.protocol)) {
    throw new ConfigError("DATABASE_URL must be a postgres:// or postgresql:// URL.");
  }
  return value;
}

function readUrl(variable: string, value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!URL.canParse(value)) throw new ConfigError(`${variable} is not a URL: ${value}`);
  return value;
}

function readBoolean(variable: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === "") return fallback;
  if (value === "true" || value === "false") return value === "true";
  throw new ConfigError(`${variable} must be true or false, not "${value}".`);
}

function readMilliseconds(variable: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const milliseconds = Number(value);
  if (!Number.isInteger(milliseconds) || milliseconds < 0) {
    throw new ConfigError(`${variable} must be a whole number of milliseconds, not "${value}".`);
  }
  return milliseconds;
}

function readPort(variable: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${variable} must be a port number (0-65535), not "${value}".`);
  }
  return port;
}
