// Liaison's bundled explorer: GraphiQL with its explorer plugin, from the
// UMD builds the gateway serves (React, ReactDOM, GraphiQL and
// GraphiQLPluginExplorer are globals). The gateway puts the example tabs
// and the headers to start with in #explorer-config.

const config = JSON.parse(document.getElementById("explorer-config").textContent);
const headers = Object.keys(config.headers).length ? JSON.stringify(config.headers, null, 2) : undefined;
const explorer = GraphiQLPluginExplorer.explorerPlugin({ showAttribution: false });

ReactDOM.createRoot(document.getElementById("graphiql")).render(
  React.createElement(GraphiQL, {
    fetcher: GraphiQL.createFetcher({ url: new URL("/graphql", location.href).href }),
    plugins: [explorer],
    visiblePlugin: explorer,
    defaultTabs: config.tabs.map((tab) => ({ query: tab.document, headers })),
    headers,
    defaultHeaders: headers,
    defaultEditorToolsVisibility: headers ? "headers" : false,
    shouldPersistHeaders: false,
    isHeadersEditorEnabled: true,
  }),
);
