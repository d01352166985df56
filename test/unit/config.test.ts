import { describe, expect, it } from "vitest";
import { ConfigError, DEVELOPMENT_JWT_SECRET, readConfig, subgraphPort } from "../../platform/config.ts";

// Reading the environment: defaults for development, and a one-line reason
// for every value start-up refuses.

const SECRET = "a-secret-of-at-least-thirty-two-characters";

describe("the configuration", () => {
  it("defaults to development on 127.0.0.1:4000, embedded Postgres, and the development secret with anonymous reads", () => {
    const config = readConfig({});
    expect(config).toMatchObject({ environment: "development", host: "127.0.0.1", gatewayPort: 4000, databaseUrl: undefined });
    expect(config.auth).toMatchObject({ jwtSecret: DEVELOPMENT_JWT_SECRET, allowAnonymousReads: true, issuer: "liaison", audience: "liaison" });
    expect(config.gatewayJwksUrl).toBe("http://127.0.0.1:4000/.well-known/jwks.json");
    expect(config.logging).toEqual({ level: "info", format: "json" });
    expect(config.managementPort).toBeUndefined();
  });

  it("exports traces only when the standard OpenTelemetry variables name an endpoint and turn nothing off", () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" };
    expect(readConfig({}).tracing).toBe(false);
    expect(readConfig(endpoint).tracing).toBe(true);
    expect(readConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://collector:4318/v1/traces" }).tracing).toBe(true);
    expect(readConfig({ ...endpoint, OTEL_SDK_DISABLED: "true" }).tracing).toBe(false);
    expect(readConfig({ ...endpoint, OTEL_TRACES_EXPORTER: "none" }).tracing).toBe(false);
  });

  it("gives each operation 10 seconds and 16 MB of subgraph answers unless told otherwise", () => {
    expect(readConfig({}).operations).toEqual({ deadlineMs: 10_000, maxResponseBytes: 16 * 1024 * 1024 });
    expect(readConfig({ OPERATION_DEADLINE_MS: "2500", OPERATION_MAX_RESPONSE_MB: "4" }).operations).toEqual({
      deadlineMs: 2_500,
      maxResponseBytes: 4 * 1024 * 1024,
    });
  });

  it("in production needs a way to verify tokens, and allows no anonymous reads unless told", () => {
    expect(() => readConfig({ NODE_ENV: "production" })).toThrow(
      new ConfigError("In production set AUTH_JWKS_URL (or AUTH_JWT_SECRET) to verify callers' tokens."),
    );
    const withSecret = readConfig({ NODE_ENV: "production", AUTH_JWT_SECRET: SECRET });
    expect(withSecret.auth).toMatchObject({ jwtSecret: SECRET, allowAnonymousReads: false });
    const withJwks = readConfig({ NODE_ENV: "production", AUTH_JWKS_URL: "https://id.example/jwks.json", AUTH_ALLOW_ANONYMOUS_READS: "true" });
    expect(withJwks.auth).toMatchObject({ jwksUrl: "https://id.example/jwks.json", allowAnonymousReads: true });
    expect(withJwks.auth.jwksAlgorithms).toEqual(["RS256", "ES256", "EdDSA"]);
  });

  it.each([
    [{ NODE_ENV: "staging" }, `NODE_ENV must be development, test or production, not "staging".`],
    [{ PORT: "forty" }, `PORT must be a port number (0-65535), not "forty".`],
    [{ PORT: "70000" }, `PORT must be a port number (0-65535), not "70000".`],
    [{ DATABASE_URL: "mysql://localhost/liaison" }, "DATABASE_URL must be a postgres:// or postgresql:// URL."],
    [{ DATABASE_URL: "not a url" }, "DATABASE_URL must be a postgres:// or postgresql:// URL."],
    [{ AUTH_JWT_SECRET: "short" }, "AUTH_JWT_SECRET must be at least 32 characters."],
    [{ AUTH_JWKS_URL: "jwks" }, "AUTH_JWKS_URL is not a URL: jwks"],
    [{ GATEWAY_JWKS_URL: "::" }, "GATEWAY_JWKS_URL is not a URL: ::"],
    [{ AUTH_ALLOW_ANONYMOUS_READS: "yes" }, `AUTH_ALLOW_ANONYMOUS_READS must be true or false, not "yes".`],
    [{ LOG_LEVEL: "loud" }, `LOG_LEVEL must be fatal, error, warn, info, debug, trace, silent, not "loud".`],
    [{ LOG_FORMAT: "xml" }, `LOG_FORMAT must be json, pretty, not "xml".`],
    [{ MANAGEMENT_PORT: "metrics" }, `MANAGEMENT_PORT must be a port number (0-65535), not "metrics".`],
    [{ OPERATION_DEADLINE_MS: "0" }, "OPERATION_DEADLINE_MS must be more than 0."],
    [{ OPERATION_DEADLINE_MS: "10s" }, `OPERATION_DEADLINE_MS must be a whole number of milliseconds, not "10s".`],
    [{ OPERATION_MAX_RESPONSE_MB: "0.5" }, `OPERATION_MAX_RESPONSE_MB must be a whole number of megabytes, not "0.5".`],
  ])("refuses %o: %s", (env, reason) => {
    expect(() => readConfig(env)).toThrow(new ConfigError(reason));
  });

  it("reads each subgraph's port from <NAME>_PORT, or its default", () => {
    expect(subgraphPort("agencies", 4001, {})).toBe(4001);
    expect(subgraphPort("agencies", 4001, { AGENCIES_PORT: "0" })).toBe(0);
    expect(() => subgraphPort("news", 4003, { NEWS_PORT: "-1" })).toThrow('NEWS_PORT must be a port number (0-65535), not "-1".');
  });
});
