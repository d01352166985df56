import { readFileSync } from "node:fs";
import { isTypeDefinitionNode, isTypeExtensionNode, Kind, parse, print, visit, type DefinitionNode, type DocumentNode } from "graphql";

// Each subgraph's SDL is schema/<name>.graphql; what several declare alike is in schema/shared.graphql.

function subgraphSdlPath(name: string): URL {
  return new URL(`../schema/${name}.graphql`, import.meta.url);
}

/**
 * A subgraph's SDL: its own file, followed by the declarations of
 * schema/shared.graphql it uses, directly or through another of them, so
 * that what several subgraphs must declare alike is written once.
 */
export function readSubgraphSdl(name: string): string {
  return subgraphSdl(name).text;
}

/** The same, parsed. */
export function subgraphTypeDefs(name: string): DocumentNode {
  return subgraphSdl(name).document;
}

function subgraphSdl(name: string): { text: string; document: DocumentNode } {
  const own = readFileSync(subgraphSdlPath(name), "utf8");
  const document = parse(own);
  const used = sharedDeclarationsUsedBy(document);
  if (!used.length) return { text: own, document };
  return {
    text: `${own}\n${print({ kind: Kind.DOCUMENT, definitions: used })}\n`,
    document: { ...document, definitions: [...document.definitions, ...used] },
  };
}

let shared: ReadonlyMap<string | undefined, DefinitionNode> | undefined;

/** schema/shared.graphql's declarations by name, read once. */
function sharedDeclarations(): ReadonlyMap<string | undefined, DefinitionNode> {
  const definitions = () => parse(readFileSync(new URL("../schema/shared.graphql", import.meta.url), "utf8")).definitions;
  return (shared ??= new Map(definitions().map((definition) => [declaredName(definition), definition])));
}

function sharedDeclarationsUsedBy(document: DocumentNode): DefinitionNode[] {
  const declaredHere = new Set(document.definitions.map(declaredName));
  const used = new Map<string, DefinitionNode>();
  const unread: DefinitionNode[] = [...document.definitions];
  const use = (name: string) => {
    const definition = sharedDeclarations().get(name);
    if (!definition || declaredHere.has(name) || used.has(name)) return;
    used.set(name, definition);
    unread.push(definition);
  };
  while (unread.length) {
    const definition = unread.pop()!;
    // `extend type Subscription { … }` uses the shared `type Subscription` it extends.
    if (isTypeExtensionNode(definition)) use(definition.name.value);
    visit(definition, {
      NamedType: (node) => use(node.name.value),
      Directive: (node) => use(`@${node.name.value}`),
    });
  }
  return [...used.values()];
}

/** The name a definition declares, directives with their `@`; none for an extension. */
function declaredName(definition: DefinitionNode): string | undefined {
  if (!isTypeDefinitionNode(definition) && definition.kind !== Kind.DIRECTIVE_DEFINITION) return undefined;
  return definition.kind === Kind.DIRECTIVE_DEFINITION ? `@${definition.name.value}` : definition.name.value;
}
