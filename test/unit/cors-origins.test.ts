import { describe, expect, it } from "vitest";
import { originMatcher } from "../../gateway/cors.ts";
import { ConfigError, DEVELOPMENT_CORS_ORIGINS, readBrowserSettings } from "../../platform/config.ts";

describe("CORS_ORIGINS", () => {
  it("allows pages on this machine and Apollo's hosted Sandbox outside production, nothing in production", () => {
    expect(readBrowserSettings({}, "development").corsOrigins).toEqual(DEVELOPMENT_CORS_ORIGINS);
    expect(readBrowserSettings({}, "production").corsOrigins).toEqual([]);
  });

  it("replaces the defaults with the origins it lists", () => {
    const settings = readBrowserSettings({ CORS_ORIGINS: "https://dashboard.example.org, http://localhost:*" }, "production");
    expect(settings.corsOrigins).toEqual(["https://dashboard.example.org", "http://localhost:*"]);
  });

  it.each(["*", "dashboard.example.org", "https://dashboard.example.org/", "https://dashboard.example.org/app", "ftp://files.example.org", "https://*.example.org"])(
    "refuses %s, which is not an origin",
    (value) => {
      expect(() => readBrowserSettings({ CORS_ORIGINS: value }, "development")).toThrow(ConfigError);
    },
  );
});

describe("matching an origin", () => {
  const isAllowed = originMatcher(DEVELOPMENT_CORS_ORIGINS);

  it.each(["http://localhost:3000", "http://localhost", "http://127.0.0.1:4000", "http://[::1]:8080", "https://studio.apollographql.com"])(
    "allows %s by default outside production",
    (origin) => expect(isAllowed(origin)).toBe(true),
  );

  it.each([
    "https://localhost:3000",
    "http://localhost.example.net",
    "http://localhost:3000.example.net",
    "http://127.0.0.1.example.net:80",
    "https://studio.apollographql.com.example.net",
    "http://studio.apollographql.com",
    "null",
  ])("refuses %s", (origin) => expect(isAllowed(origin)).toBe(false));
});
