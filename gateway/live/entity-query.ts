import {
  Kind,
  print,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from "graphql";

/** The variable the changed entity's id travels in; no client can name it, as it starts with two underscores. */
export const ENTITY_ID_VARIABLE = "__changedEntityId";

export interface EntityQuery {
  /** The query text, run through the gateway for each change. */
  query: string;
  /** The client's variables the query uses, by name. */
  variableNames: string[];
}

/**
 * Turns what a subscriber selects of a change's entity into a query the
 * gateway can plan like any other: each selection of `entityField` (under
 * whatever alias) becomes the root field `queryField(id: $__changedEntityId)`
 * under the same alias, with its sub-selection, directives and the fragments
 * and variables it uses. Null when the subscriber selects no entity.
 */
export function entityQuery(
  operation: OperationDefinitionNode,
  payloadSelection: SelectionSetNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  entityField: string,
  queryField: string,
): EntityQuery | null {
  const selected = collectFields(payloadSelection, fragments, entityField);
  if (selected.length === 0) return null;
  const rootFields: FieldNode[] = selected.map((field) => ({
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: field.alias?.value ?? field.name.value },
    name: { kind: Kind.NAME, value: queryField },
    arguments: [
      {
        kind: Kind.ARGUMENT,
        name: { kind: Kind.NAME, value: "id" },
        value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: ENTITY_ID_VARIABLE } },
      },
    ],
    directives: field.directives ?? [],
    ...(field.selectionSet && { selectionSet: field.selectionSet }),
  }));
  const selectionSet: SelectionSetNode = { kind: Kind.SELECTION_SET, selections: rootFields };
  const usedFragments = fragmentsUsedBy(selectionSet, fragments);
  const variableNames = variablesUsedBy([selectionSet, ...usedFragments]);
  const variableDefinitions: VariableDefinitionNode[] = [
    {
      kind: Kind.VARIABLE_DEFINITION,
      variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: ENTITY_ID_VARIABLE } },
      type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: "ID" } } },
    },
    ...(operation.variableDefinitions ?? []).filter((definition) => variableNames.includes(definition.variable.name.value)),
  ];
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: "query" as OperationDefinitionNode["operation"],
        name: { kind: Kind.NAME, value: `${operation.name?.value ?? "Subscription"}Entity` },
        variableDefinitions,
        selectionSet,
      },
      ...usedFragments,
    ],
  };
  return { query: print(document), variableNames };
}

/** The fields named `name` in a selection set, through inline fragments and fragment spreads. */
function collectFields(
  selectionSet: SelectionSetNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  name: string,
  seen = new Set<string>(),
): FieldNode[] {
  return selectionSet.selections.flatMap((selection: SelectionNode): FieldNode[] => {
    switch (selection.kind) {
      case Kind.FIELD:
        return selection.name.value === name ? [selection] : [];
      case Kind.INLINE_FRAGMENT:
        return collectFields(selection.selectionSet, fragments, name, seen);
      case Kind.FRAGMENT_SPREAD: {
        const fragment = fragments[selection.name.value];
        if (!fragment || seen.has(fragment.name.value)) return [];
        seen.add(fragment.name.value);
        return collectFields(fragment.selectionSet, fragments, name, seen);
      }
    }
  });
}

/** Every fragment the selection set spreads, directly or through other fragments. */
function fragmentsUsedBy(
  selectionSet: SelectionSetNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const pending: SelectionSetNode[] = [selectionSet];
  while (pending.length) {
    visit(pending.pop()!, {
      FragmentSpread(spread) {
        const fragment = fragments[spread.name.value];
        if (fragment && !used.has(fragment.name.value)) {
          used.set(fragment.name.value, fragment);
          pending.push(fragment.selectionSet);
        }
      },
    });
  }
  return [...used.values()];
}

function variablesUsedBy(nodes: readonly (SelectionSetNode | FragmentDefinitionNode)[]): string[] {
  const names = new Set<string>();
  for (const node of nodes) {
    visit(node, {
      Variable(variable) {
        names.add(variable.name.value);
      },
    });
  }
  names.delete(ENTITY_ID_VARIABLE);
  return [...names];
}
