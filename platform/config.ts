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
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    environment: readEnvironment(env.NODE_ENV),
    databaseUrl: readDatabaseUrl(env.DATABASE_URL),
    host: env.HOST || "127.0.0.1",
    gatewayPort: readPort("PORT", env.PORT, 4000),
    embeddedDataDir: env.LIAISON_DATA_DIR || new URL("../.liaison/pgdata", import.meta.url).pathname,
  };
}

/** The port of a subgraph: `<NAME>_PORT`, e.g. `AGENCIES_PORT`, or its default. */
export function subgraphPort(name: string, defaultPort: number, env = process.env): number {
  const variable = `${name.toUpperCase()}_PORT`;
  return readPort(variable, env[variable], defaultPort);
}

/** Where the gateway reaches a subgraph: `<NAME>_URL`, or the local default. */
export function subgraphUrl(name: string, defaultPort: number, env = process.env): string {
  const variable = `${name.toUpperCase()}_URL`;
  const url = env[variable];
  if (!url) return `http://127.0.0.1:${subgraphPort(name, defaultPort, env)}/graphql`;
  if (!URL.canParse(url)) throw new ConfigError(`${variable} is not a URL: ${url}`);
  return url;
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

function readPort(variable: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${variable} must be a port number (0-65535), not "${value}".`);
  }
  return port;
}
