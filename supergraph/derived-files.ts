import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cacheInvalidation } from "./cache-invalidation.ts";
import { composeApiSchema, composeSupergraph } from "./compose.ts";
import { dockerCompose } from "./docker-compose.ts";
import { kubernetesBase } from "./kubernetes.ts";
import { subgraphs } from "./registry.ts";

/** A file whose content is derived from the registry, by path from the repository's root. */
export interface DerivedFile {
  readonly path: string;
  /** What the file should hold now. */
  content(): string;
}

const root = new URL("../", import.meta.url);

function read(path: string): string {
  return readFileSync(new URL(path, root), "utf8");
}

/**
 * Every file derived from the registry. `npm run compose` writes them; a
 * test fails when a committed one differs from what it should hold.
 */
export const derivedFiles: readonly DerivedFile[] = [
  { path: "schema/supergraph.graphql", content: composeSupergraph },
  { path: "schema/api.graphql", content: composeApiSchema },
  { path: "prisma/schema/client.prisma", content: () => withPrismaSchemas(read("prisma/schema/client.prisma")) },
  { path: "gateway/response-cache/cache-invalidation.json", content: () => `${JSON.stringify(cacheInvalidation(), null, 2)}\n` },
  { path: "docker-compose.yml", content: dockerCompose },
  ...Object.keys(kubernetesBase()).map((path) => ({ path, content: () => kubernetesBase()[path]! })),
  { path: "README.md", content: () => withPortTable(read("README.md")) },
];

export function writeDerivedFiles(): string[] {
  const written: string[] = [];
  for (const file of derivedFiles) {
    const content = file.content();
    if (existsSync(new URL(file.path, root)) && read(file.path) === content) continue;
    mkdirSync(new URL(".", new URL(file.path, root)), { recursive: true });
    writeFileSync(new URL(file.path, root), content);
    written.push(file.path);
  }
  return written;
}

export function readCommitted(file: DerivedFile): string {
  return read(file.path);
}

/** The Prisma client's `schemas = [...]`: one Postgres schema per subgraph. */
function withPrismaSchemas(clientPrisma: string): string {
  const names = subgraphs.map(({ name }) => `"${name}"`).sort();
  return replaceOnce(clientPrisma, /^(\s*schemas\s*=\s*)\[[^\]]*\]/m, `$1[${names.join(", ")}]`, "client.prisma's schemas");
}

const PORTS_START = "<!-- subgraph ports: written by npm run compose -->";
const PORTS_END = "<!-- end of subgraph ports -->";

/** The README's table of subgraphs and their default ports. */
function withPortTable(readme: string): string {
  const rows = subgraphs.map(({ name, port }) => `| ${name} | \`${port}\` | \`${name.toUpperCase()}_PORT\` | \`${name.toUpperCase()}_URL\` |`);
  const table = [PORTS_START, "| subgraph | port | port variable | gateway's URL variable |", "| --- | --- | --- | --- |", ...rows, PORTS_END].join("\n");
  const pattern = new RegExp(`${escape(PORTS_START)}[\\s\\S]*?${escape(PORTS_END)}`);
  return replaceOnce(readme, pattern, table, "the README's port table");
}

function replaceOnce(text: string, pattern: RegExp, replacement: string, what: string): string {
  if (!pattern.test(text)) throw new Error(`Cannot find ${what} to rewrite.`);
  return text.replace(pattern, replacement);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
