import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeJwt } from "jose";
import type { Browser } from "playwright-core";
import { callerAuthenticator } from "../../gateway/authenticate.ts";
import { developmentTokenHeaders, explorerFiles } from "../../gateway/explorer.ts";
import { buildGateway } from "../../gateway/gateway-server.ts";
import { gatewaySigningKey } from "../../platform/auth/internal-token.ts";
import { readAuthSettings, readBrowserSettings } from "../../platform/config.ts";
import { cutOffTheOutside, launchChromium } from "../support/browser.ts";
import { startTestSupergraph, type TestSupergraph } from "../support/test-supergraph.ts";
import { testObservability } from "../support/test-logs.ts";

const openInBrowser = (url: string) => fetch(url, { headers: { accept: "text/html" } });

describe("the bundled explorer (GraphiQL), the default in development", () => {
  let liaison: TestSupergraph;
  let browser: Browser;
  beforeAll(async () => {
    liaison = await startTestSupergraph();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await liaison?.stop();
  });

  it("is installed: every file its page loads", () => {
    expect(explorerFiles.filter((file) => !existsSync(file))).toEqual([]);
  });

  it("is what a browser opening /graphql gets, with the example tabs and a development token", async () => {
    const response = await openInBrowser(liaison.supergraph.gateway.url);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`<script src="/explorer/graphiql.min.js"></script>`);
    const config = JSON.parse(html.match(/<script id="explorer-config" type="application\/json">(.*?)<\/script>/s)![1]!);
    expect(config.tabs.map((tab: { name: string }) => tab.name)).toEqual(["agencies", "partners", "dashboard", "graph-walks"]);
    expect(config.headers.authorization).toMatch(/^Bearer ey/);
  });

  it("serves only the files its page names", async () => {
    const origin = new URL(liaison.supergraph.gateway.url).origin;
    expect((await fetch(`${origin}/explorer/graphiql.min.js`)).headers.get("content-type")).toMatch(/^text\/javascript/);
    expect((await fetch(`${origin}/explorer/package.json`)).status).toBe(404);
    expect((await fetch(`${origin}/explorer/..%2F..%2Fpackage.json`)).status).toBe(404);
  });

  it("runs a query in Chromium with every request beyond this machine cut off", async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 820 } });
    const aborted = await cutOffTheOutside(context);
    try {
      const page = await context.newPage();
      await page.goto(liaison.supergraph.gateway.url);
      await page.locator(".graphiql-query-editor .CodeMirror").first().waitFor();
      await expect.poll(() => page.locator(".graphiql-query-editor").innerText()).toContain('agency(slug: "mi5")');
      expect(await page.locator(".graphiql-editor-tool .graphiql-editor:not(.hidden)").innerText()).toMatch(/"authorization": "Bearer ey/);
      await page.locator(".graphiql-execute-button").click();
      await expect
        .poll(() => page.locator(".graphiql-response").innerText(), { timeout: 15_000 })
        .toMatch(/"name": "MI5"[\s\S]*"totalCount": 7/);
      // The explorer plugin lists the schema's root fields.
      await expect.poll(() => page.locator(".graphiql-explorer-root").innerText()).toMatch(/agencies/);
      if (process.env.LIAISON_SCREENSHOTS) await page.screenshot({ path: `${process.env.LIAISON_SCREENSHOTS}/explorer.png` });
      expect(aborted).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe("choosing the explorer", () => {
  async function gatewayWith(env: NodeJS.ProcessEnv, environment: "development" | "production") {
    const auth = readAuthSettings({}, "development");
    const gateway = await buildGateway({
      subgraphUrls: {},
      development: environment === "development",
      authenticate: callerAuthenticator(auth),
      // As npm start and serve:gateway give it.
      ...(environment === "development" && { explorerHeaders: developmentTokenHeaders(auth) }),
      signingKey: await gatewaySigningKey(),
      browser: readBrowserSettings(env, environment),
      observability: testObservability(),
    });
    return gateway.listen("127.0.0.1", 0);
  }

  it("offers none in production unless enabled, and no introspection then", async () => {
    const server = await gatewayWith({}, "production");
    try {
      const page = await openInBrowser(server.url);
      expect(await page.text()).not.toContain("GraphiQL");
      const introspection = await fetch(server.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ __schema { queryType { name } } }" }),
      });
      expect((await introspection.json()).errors?.[0]?.message).toMatch(/[Ii]ntrospection/);
    } finally {
      await server.stop();
    }
  });

  it("serves GraphiQL in production when EXPLORER=graphiql, which answers introspection", async () => {
    const server = await gatewayWith({ EXPLORER: "graphiql" }, "production");
    try {
      const html = await (await openInBrowser(server.url)).text();
      expect(html).toContain("Liaison · GraphiQL");
      expect(html).not.toContain("Bearer");
      const introspection = await fetch(server.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ __schema { queryType { name } } }" }),
      });
      expect(await introspection.json()).toEqual({ data: { __schema: { queryType: { name: "Query" } } } });
    } finally {
      await server.stop();
    }
  });

  it("embeds Apollo Sandbox when EXPLORER=sandbox", async () => {
    const server = await gatewayWith({ EXPLORER: "sandbox" }, "development");
    try {
      const html = await (await openInBrowser(server.url)).text();
      expect(html).toContain("embeddable-sandbox.cdn.apollographql.com");
      expect((await fetch(new URL("/explorer/graphiql.min.js", server.url))).status).toBe(404);
      // Its requests carry the development token, as GraphiQL's do.
      const token = /"sharedHeaders":\{"authorization":"Bearer ([\w-]+\.[\w-]+\.[\w-]+)"\}/.exec(html)?.[1];
      expect(token).toBeDefined();
      expect(decodeJwt(token!)).toMatchObject({ sub: "explorer", roles: ["editor"] });
    } finally {
      await server.stop();
    }
  });
});
