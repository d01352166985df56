import { readdirSync, readFileSync } from "node:fs";
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import type { FastifyInstance } from "fastify";
import { mintDevelopmentToken } from "../platform/auth/development-token.ts";
import type { AuthSettings, ExplorerKind } from "../platform/config.ts";
import { jsonForScript, repositoryFile, serveFiles } from "./static-files.ts";

/** Headers every tab of the explorer starts with, made for each page load. */
export type ExplorerHeaders = () => Promise<Record<string, string>>;

/** An example operation, one per tab, from web/explorer/examples/. */
export interface ExampleOperation {
  name: string;
  document: string;
}

/**
 * In development the explorer signs its caller in as an editor with a
 * development token, as `npm run token -- editor` would.
 */
export function developmentTokenHeaders(auth: AuthSettings): ExplorerHeaders {
  return async () => ({
    authorization: `Bearer ${await mintDevelopmentToken(auth, { subject: "explorer", roles: ["editor"], expiresAt: "8h" })}`,
  });
}

const examplesFolder = repositoryFile("web/explorer/examples/");

/** The README's operations, as the explorer's first tabs. */
export function exampleOperations(): ExampleOperation[] {
  return readdirSync(examplesFolder)
    .filter((file) => file.endsWith(".graphql"))
    .sort()
    .map((file) => ({
      name: file.replace(/^\d+-/, "").replace(/\.graphql$/, ""),
      document: readFileSync(`${examplesFolder}${file}`, "utf8"),
    }));
}

/**
 * What a browser opening /graphql gets: GraphiQL with its explorer plugin,
 * served by the gateway from installed packages so that no request leaves
 * the network; Apollo's embedded Sandbox, loaded from Apollo's CDN; or
 * nothing.
 */
export function explorerLandingPage<Context extends BaseContext>(
  kind: ExplorerKind,
  headers: ExplorerHeaders,
): ApolloServerPlugin<Context> {
  const examples = exampleOperations();
  if (kind === "off") return ApolloServerPluginLandingPageDisabled();
  if (kind === "sandbox") {
    // Made anew for each page, so that the headers it fills in (a
    // development token in development) are fresh.
    return {
      async serverWillStart(service) {
        return {
          async renderLandingPage() {
            const sandbox = ApolloServerPluginLandingPageLocalDefault({
              embed: { initialState: { sharedHeaders: await headers() } },
              includeCookies: false,
              document: examples[0]?.document,
            });
            const page = await sandbox.serverWillStart!(service);
            return page!.renderLandingPage!();
          },
        };
      },
    };
  }
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html: async () => graphiqlPage({ tabs: examples, headers: await headers() }) };
        },
      };
    },
  };
}

/** The files GraphiQL's page loads, by the name it asks for them under /explorer/. */
const GRAPHIQL_FILES = {
  "react.production.min.js": repositoryFile("node_modules/react/umd/react.production.min.js"),
  "react-dom.production.min.js": repositoryFile("node_modules/react-dom/umd/react-dom.production.min.js"),
  "graphiql.min.js": repositoryFile("node_modules/graphiql/graphiql.min.js"),
  "graphiql.min.css": repositoryFile("node_modules/graphiql/graphiql.min.css"),
  "plugin-explorer.umd.js": repositoryFile("node_modules/@graphiql/plugin-explorer/dist/index.umd.js"),
  "plugin-explorer.css": repositoryFile("node_modules/@graphiql/plugin-explorer/dist/style.css"),
  "explorer.js": repositoryFile("web/explorer/explorer.js"),
  "explorer.css": repositoryFile("web/explorer/explorer.css"),
};

export function serveExplorerFiles(app: FastifyInstance, kind: ExplorerKind): void {
  if (kind === "graphiql") serveFiles(app, "/explorer", GRAPHIQL_FILES);
}

/** Every file the bundled explorer needs, for a test to check they are installed. */
export const explorerFiles: readonly string[] = Object.values(GRAPHIQL_FILES);

function graphiqlPage(config: { tabs: ExampleOperation[]; headers: Record<string, string> }): string {
  const styles = ["graphiql.min.css", "plugin-explorer.css", "explorer.css"];
  const scripts = ["react.production.min.js", "react-dom.production.min.js", "graphiql.min.js", "plugin-explorer.umd.js"];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Liaison · GraphiQL</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
${styles.map((name) => `<link rel="stylesheet" href="/explorer/${name}">`).join("\n")}
</head>
<body>
<div id="graphiql">Loading the explorer…</div>
<script id="explorer-config" type="application/json">${jsonForScript(config)}</script>
${scripts.map((name) => `<script src="/explorer/${name}"></script>`).join("\n")}
<script type="module" src="/explorer/explorer.js"></script>
</body>
</html>
`;
}
