import { callerAuthenticator } from "../gateway/authenticate.ts";
import { serveGateway } from "../gateway/serve-gateway.ts";
import { gatewaySigningKey } from "../platform/auth/internal-token.ts";
import { isDevelopment, readConfig, subgraphUrl } from "../platform/config.ts";
import { runMain, stopOnSignal } from "../platform/cli.ts";
import { subgraphs } from "../subgraphs/registry.ts";

// Serves the gateway on its own, reaching each subgraph at <NAME>_URL. Run
// several replicas with one GATEWAY_SIGNING_KEY so subgraphs trust them all.

runMain(async () => {
  const config = readConfig();
  const server = await serveGateway({
    subgraphUrls: Object.fromEntries(
      subgraphs.map(({ name, defaultPort }) => [name, subgraphUrl(name, defaultPort)]),
    ),
    host: config.host,
    port: config.gatewayPort,
    development: isDevelopment(config),
    authenticate: callerAuthenticator(config.auth),
    signingKey: await gatewaySigningKey(config.gatewaySigningKey),
  });
  console.log(`Liaison's gateway is serving ${server.url}`);
  stopOnSignal(() => server.stop());
});
