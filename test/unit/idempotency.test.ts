import { describe, expect, it } from "vitest";
import { ConfigError, readIdempotencyKeyHours } from "../../platform/config.ts";
import { KEY_LIFETIME_MS, keyReused, keyUse, requestDigest } from "../../platform/writes/idempotency.ts";

const ID = "019ad3f2-7c4e-7a10-8b2c-5d6e7f809a1b";

describe("requestDigest", () => {
  const request = { id: ID, version: 1, name: "Renamed", tags: ["a", "b"], at: new Date("2026-01-02T03:04:05.000Z"), idempotencyKey: "one" };

  it("is the same for the same request, whatever the order of its fields and whatever its key", () => {
    const digest = requestDigest("agency.update", request);
    const reordered = { at: new Date(request.at), tags: ["a", "b"], name: "Renamed", version: 1, id: ID, idempotencyKey: "two" };
    expect(requestDigest("agency.update", reordered)).toBe(digest);
    expect(requestDigest("agency.update", { ...request, idempotencyKey: null })).toBe(digest);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it("differs for another action, target, version or input", () => {
    const digest = requestDigest("agency.update", request);
    for (const [action, other] of [
      ["agency.archive", request],
      ["agency.update", { ...request, id: "019ad3f2-7c4e-7a10-8b2c-5d6e7f809a1c" }],
      ["agency.update", { ...request, version: 2 }],
      ["agency.update", { ...request, name: "renamed" }],
      ["agency.update", { ...request, tags: ["b", "a"] }],
      ["agency.update", { ...request, at: new Date("2026-01-02T03:04:05.001Z") }],
      ["agency.update", { ...request, shortName: null }],
    ] as const) {
      expect(requestDigest(action, other), JSON.stringify([action, other])).not.toBe(digest);
    }
  });
});

describe("keyUse", () => {
  const now = Date.parse("2026-12-02T12:00:00Z");
  const digest = requestDigest("agency.update", { id: ID, version: 1, idempotencyKey: "k" });
  const entry = (overrides: Partial<{ at: Date; action: string; requestDigest: string | null }> = {}) => ({
    at: new Date(now - 1000),
    action: "agency.update",
    requestDigest: digest,
    ...overrides,
  });

  it("answers a retry of the same request", () => {
    expect(keyUse(entry(), "agency.update", digest, now)).toBe("retry");
  });

  it("refuses another request, for another action or with another digest", () => {
    expect(keyUse(entry(), "agency.archive", digest, now)).toBe("reused");
    expect(keyUse(entry(), "agency.update", requestDigest("agency.update", { id: ID, version: 2, idempotencyKey: "k" }), now)).toBe("reused");
  });

  it("treats a key as new once its window has passed, or when its entry kept no digest", () => {
    expect(keyUse(entry({ at: new Date(now - KEY_LIFETIME_MS + 1) }), "agency.archive", digest, now)).toBe("reused");
    expect(keyUse(entry({ at: new Date(now - KEY_LIFETIME_MS) }), "agency.archive", digest, now)).toBe("expired");
    expect(keyUse(entry({ requestDigest: null }), "agency.update", digest, now)).toBe("expired");
  });

  it("says what the key was used for", () => {
    const error = keyReused(entry(), "agency.update");
    expect(error.extensions).toEqual({ code: "IDEMPOTENCY_KEY_REUSED", argument: "input.idempotencyKey" });
    expect(error.message).toMatch(/already used for another agency\.update/);
    expect(keyReused(entry(), "agency.archive").message).toMatch(/already used for agency\.update:/);
  });
});

describe("IDEMPOTENCY_KEY_HOURS", () => {
  it("is 24 hours unless set", () => {
    expect(readIdempotencyKeyHours({})).toBe(24);
    expect(readIdempotencyKeyHours({ IDEMPOTENCY_KEY_HOURS: "" })).toBe(24);
    expect(readIdempotencyKeyHours({ IDEMPOTENCY_KEY_HOURS: "1.5" })).toBe(1.5);
    expect(KEY_LIFETIME_MS).toBe(24 * 60 * 60 * 1000);
  });

  it("stops start-up when it is not a positive number of hours", () => {
    for (const value of ["0", "-2", "soon", "Infinity", "NaN"]) {
      expect(() => readIdempotencyKeyHours({ IDEMPOTENCY_KEY_HOURS: value }), value).toThrow(ConfigError);
    }
  });
});
