import { buildGateway } from "../../gateway/gateway-server.ts";
import { benchCallerAuthenticator, benchSigningKey } from "../auth.ts";
import { runChild } from "../child.ts";
import { subgraphUrlsFromEnv } from "./subgraph-urls.ts";

// Liaison's own gateway (Apollo Gateway in Apollo Server on fastify), as
// `npm run serve:gateway` runs it in production, pointed at the bench's subgraphs.

runChild(async () => {
  const gateway = await buildGateway({
    subgraphUrls: subgraphUrlsFromEnv(),
    development: false,
    authenticate: benchCallerAuthenticator(),
    signingKey: await benchSigningKey(),
  });
  return gateway.listen("127.0.0.1", 0);
});
