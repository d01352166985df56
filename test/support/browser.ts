import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type BrowserContext, type Route } from "playwright-core";

/** Debian's Chromium; playwright-core drives it and downloads no browser of its own. */
export const CHROMIUM = "/usr/bin/chromium";

/**
 * Starts headless Chromium. Playwright gives every launch a fresh, empty
 * profile; the flags keep Chromium from reaching out to Google's services,
 * which a closed network refuses.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Browser tests need Debian's Chromium at ${CHROMIUM}: apt-get install chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--headless",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Aborts every request a page makes to anywhere but this machine's
 * loopback address, as on a network with no way out. Returns the URLs it
 * aborted.
 */
export async function cutOffTheOutside(context: BrowserContext): Promise<string[]> {
  const aborted: string[] = [];
  await context.route("**/*", (route: Route) => {
    const url = new URL(route.request().url());
    if (url.protocol === "data:" || url.protocol === "blob:" || url.hostname === "127.0.0.1") return route.continue();
    aborted.push(url.href);
    return route.abort("internetdisconnected");
  });
  return aborted;
}

export interface PageServer {
  /** The server's origin, e.g. `http://127.0.0.1:54321`. */
  readonly origin: string;
  close(): Promise<void>;
}

/** Serves one HTML page at `/`, standing for a dashboard on an origin of its own. */
export async function servePage(html: string): Promise<PageServer> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
