import { Kind, parse, type EnumTypeDefinitionNode } from "graphql";
import { ConfigError } from "../platform/config.ts";

/**
 * Every subgraph the supergraph joins, by name, with where the gateway
 * reaches it: `<NAME>_URL` when set (e.g. `AGENCIES_URL`), otherwise the URL
 * composed into the supergraph. The gateway learns its subgraphs from the
 * supergraph alone, never from the subgraphs' code.
 */
export function subgraphEndpoints(supergraphSdl: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const graphs = parse(supergraphSdl).definitions.find(
    (definition): definition is EnumTypeDefinitionNode =>
      definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === "join__Graph",
  );
  const endpoints: Record<string, string> = {};
  for (const value of graphs?.values ?? []) {
    const joined = value.directives?.find((directive) => directive.name.value === "join__graph");
    const argument = (name: string) => {
      const node = joined?.arguments?.find((each) => each.name.value === name)?.value;
      return node?.kind === Kind.STRING ? node.value : undefined;
    };
    const name = argument("name");
    const url = argument("url");
    if (!name || !url) continue;
    const variable = `${name.toUpperCase()}_URL`;
    const override = env[variable];
    if (override && !URL.canParse(override)) throw new ConfigError(`${variable} is not a URL: ${override}`);
    endpoints[name] = override || url;
  }
  if (Object.keys(endpoints).length === 0) throw new ConfigError("The supergraph joins no subgraphs: run `npm run compose`.");
  return endpoints;
}
