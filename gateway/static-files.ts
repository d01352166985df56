import { createReadStream } from "node:fs";
import { extname } from "node:path";
import type { FastifyInstance } from "fastify";

const root = new URL("../", import.meta.url);

/** A file in the repository (`web/...`) or an installed package (`node_modules/...`), by path from the root. */
export function repositoryFile(path: string): string {
  return new URL(path, root).pathname;
}

const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".html": "text/html; charset=utf-8",
};

/**
 * Serves a fixed set of files under `prefix`, by name: `files` maps each
 * name a page asks for to the file on disk. Nothing else is reachable, so
 * no request can name its way out of the folders the pages live in.
 */
export function serveFiles(app: FastifyInstance, prefix: string, files: Readonly<Record<string, string>>): void {
  app.get<{ Params: { name: string } }>(`${prefix}/:name`, async (request, reply) => {
    const path = Object.hasOwn(files, request.params.name) ? files[request.params.name] : undefined;
    if (!path) return reply.code(404).type("text/plain").send("Not found");
    return reply
      .type(CONTENT_TYPES[extname(path)] ?? "application/octet-stream")
      .header("cache-control", "public, max-age=3600")
      .send(createReadStream(path));
  });
}

/** Puts a value in a page as JSON that no `</script>` inside it can end early. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}
