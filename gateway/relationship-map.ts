import { createReadStream } from "node:fs";
import type { FastifyInstance } from "fastify";
import { repositoryFile, serveFiles } from "./static-files.ts";

/** The files the map's page loads, by the name it asks for them under /explore/. */
const MAP_FILES = {
  "map.js": repositoryFile("web/map/map.js"),
  "map.css": repositoryFile("web/map/map.css"),
  "cytoscape.esm.min.mjs": repositoryFile("node_modules/cytoscape/dist/cytoscape.esm.min.mjs"),
};

/** Every file the map needs, for a test to check they are installed. */
export const relationshipMapFiles: readonly string[] = [repositoryFile("web/map/index.html"), ...Object.values(MAP_FILES)];

/**
 * The relationship map at /explore: a page of its own that reads the
 * directory through /graphql like any other client. Everything it loads
 * comes from the gateway.
 */
export function serveRelationshipMap(app: FastifyInstance): void {
  app.get("/explore", async (_request, reply) =>
    reply.type("text/html; charset=utf-8").send(createReadStream(repositoryFile("web/map/index.html"))),
  );
  serveFiles(app, "/explore", MAP_FILES);
}
