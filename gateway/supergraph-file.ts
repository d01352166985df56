import { readFileSync } from "node:fs";
import { ConfigError } from "../platform/config.ts";

export const supergraphPath = new URL("../schema/supergraph.graphql", import.meta.url).pathname;

/** The committed supergraph; the gateway will not start without it. */
export function readSupergraph(): string {
  try {
    return readFileSync(supergraphPath, "utf8");
  } catch {
    throw new ConfigError(`No supergraph at ${supergraphPath}: run \`npm run compose\`.`);
  }
}
