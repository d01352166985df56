import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchChromium, servePage, type PageServer } from "../support/browser.ts";
import { startTestSupergraph, type TestSupergraph } from "../support/test-supergraph.ts";

// A dashboard is a page on an origin of its own that calls the gateway with
// fetch. Two such pages: one on an origin in CORS_ORIGINS, one not.

const MI5 = JSON.stringify({ query: `{ agency(slug: "mi5") { shortName } }` });
const accessControlHeaders = (headers: Headers) => [...headers.keys()].filter((name) => name.startsWith("access-control-"));

let allowedPage: PageServer;
let refusedPage: PageServer;
let liaison: TestSupergraph;

beforeAll(async () => {
  allowedPage = await servePage("<!doctype html><title>A dashboard</title>");
  refusedPage = await servePage("<!doctype html><title>Somewhere else</title>");
  liaison = await startTestSupergraph({ browserEnv: { CORS_ORIGINS: `https://dashboard.example.org,${allowedPage.origin}` } });
});
afterAll(async () => {
  await liaison?.stop();
  await allowedPage?.close();
  await refusedPage?.close();
});

function preflight(origin: string, headers: Record<string, string> = {}) {
  return fetch(liaison.supergraph.gateway.url, {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type", ...headers },
  });
}

describe("over HTTP", () => {
  it("answers an allowed origin's preflight with what it may send", async () => {
    const response = await preflight("https://dashboard.example.org");
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("https://dashboard.example.org");
    expect(response.headers.get("access-control-allow-methods")).toBe("GET, POST");
    expect(response.headers.get("access-control-allow-headers")).toBe("authorization,content-type");
    expect(response.headers.get("access-control-max-age")).toBe("600");
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    expect(response.headers.get("vary")).toMatch(/Origin/);
  });

  it("refuses another origin's preflight and names no Access-Control header", async () => {
    const response = await preflight("https://evil.example.net");
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/https:\/\/evil\.example\.net may not call this gateway/);
    expect(accessControlHeaders(response.headers)).toEqual([]);
  });

  it("names the allowed origin on its responses, and no origin on others'", async () => {
    const post = (origin: string) =>
      fetch(liaison.supergraph.gateway.url, { method: "POST", headers: { origin, "content-type": "application/json" }, body: MI5 });
    const allowed = await post("https://dashboard.example.org");
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://dashboard.example.org");
    expect(await allowed.json()).toEqual({ data: { agency: { shortName: "MI5" } } });
    const other = await post("https://evil.example.net");
    expect(accessControlHeaders(other.headers)).toEqual([]);
  });

  it("lets a public page reach a gateway on a private network when Chromium asks", async () => {
    const response = await preflight("https://dashboard.example.org", { "access-control-request-private-network": "true" });
    expect(response.headers.get("access-control-allow-private-network")).toBe("true");
    const refused = await preflight("https://evil.example.net", { "access-control-request-private-network": "true" });
    expect(refused.headers.get("access-control-allow-private-network")).toBeNull();
  });

  it("still refuses simple requests as possible CSRF, from an allowed origin too", async () => {
    const response = await fetch(liaison.supergraph.gateway.url, {
      method: "POST",
      headers: { origin: "https://dashboard.example.org", "content-type": "text/plain" },
      body: MI5,
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/Cross-Site Request Forgery/);
  });
});

describe("in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  /** Opens the page and, from it, posts `body` to the gateway with `headers`; answers what the page could read. */
  async function callFrom(page: PageServer, headers: Record<string, string>, body = MI5) {
    const context = await browser.newContext();
    try {
      const tab = await context.newPage();
      await tab.goto(page.origin);
      return await tab.evaluate(
        async ({ url, headers, body }) => {
          try {
            const response = await fetch(url, { method: "POST", headers, body });
            return { status: response.status, body: await response.text() };
          } catch (error) {
            return { error: String(error) };
          }
        },
        { url: liaison.supergraph.gateway.url, headers, body },
      );
    } finally {
      await context.close();
    }
  }

  it("lets a dashboard on an allowed origin query with a token", async () => {
    const token = await liaison.tokenFor("reader");
    const answer = await callFrom(allowedPage, { "content-type": "application/json", authorization: `Bearer ${token}` });
    expect(answer).toEqual({ status: 200, body: JSON.stringify({ data: { agency: { shortName: "MI5" } } }) + "\n" });
  });

  it("keeps a page on another origin from reading anything", async () => {
    const answer = await callFrom(refusedPage, { "content-type": "application/json" });
    expect(answer).toEqual({ error: "TypeError: Failed to fetch" });
  });

  it("keeps refusing a simple (unpreflighted) request from an allowed origin", async () => {
    const answer = await callFrom(allowedPage, { "content-type": "text/plain" });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatch(/Cross-Site Request Forgery/);
  });
});
