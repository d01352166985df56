import { callerAuthenticator } from "../gateway/authenticate.ts";
import { buildGateway } from "../gateway/gateway-server.ts";
import { subgraphEndpoints } from "../gateway/subgraph-endpoints.ts";
import { readSupergraph } from "../gateway/supergraph-file.ts";
import { gatewaySigningKey } from "../platform/auth/internal-token.ts";
import { runMain, stopOnSignal } from "../platform/cli.ts";
import { isDevelopment, readConfig } from "../platform/config.ts";

// Serves the gateway on its own, reaching each subgraph the supergraph joins
// at <NAME>_URL or the URL composed into it. Run several replicas with one
// GATEWAY_SIGNING_KEY so subgraphs trust them all.

runMain(async () => {
  const config = readConfig();
  const gateway = await buildGateway({
    subgraphUrls: subgraphEndpoints(readSupergraph()),
    development: isDevelopment(config),
    authenticate: callerAuthenticator(config.auth),
    signingKey: await gatewaySigningKey(config.gatewaySigningKey),
  });
  const server = await gateway.listen(config.host, config.gatewayPort);
  console.log(`Liaison's gateway is serving ${server.url}`);
  stopOnSignal(() => server.stop());
});
