import { Kind, type EnumTypeDefinitionNode } from "graphql";
import type { ThreatLevel } from "../../generated/graphql/threat.ts";
import { subgraphTypeDefs } from "../../platform/subgraph-sdl.ts";

export interface ThreatLevelDefinition {
  level: ThreatLevel;
  meaning: string;
}

/**
 * Every threat level, lowest first, with its official meaning. The meanings
 * are the descriptions of `ThreatLevel`'s values in schema/threat.graphql,
 * so the contract states each one once and explorers show the same words.
 */
export const threatLevels: readonly ThreatLevelDefinition[] = readThreatLevels();

const meanings = new Map(threatLevels.map(({ level, meaning }) => [level, meaning]));

export function meaningOf(level: ThreatLevel): string {
  return meanings.get(level)!;
}

function readThreatLevels(): ThreatLevelDefinition[] {
  const enumType = subgraphTypeDefs("threat").definitions.find(
    (definition): definition is EnumTypeDefinitionNode =>
      definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === "ThreatLevel",
  );
  return (enumType?.values ?? []).map((value) => {
    if (!value.description) throw new Error(`ThreatLevel.${value.name.value} has no meaning in the SDL`);
    return { level: value.name.value as ThreatLevel, meaning: value.description.value };
  });
}
