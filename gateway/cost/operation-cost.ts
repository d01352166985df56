import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { LIST_SIZE_OF, type ListSize } from "../../schema/list-sizes.ts";

/**
 * What an operation's result is expected to hold, in values (every field of
 * every object, and every item of every list): `typical` with each list at
 * its typical size, `worst` at its largest. Lists multiply what they hold,
 * so a list nested in a list costs the product of their sizes.
 */
export interface OperationCost {
  typical: number;
  worst: number;
}

/** A list without a declared size (a test keeps there being none) is priced as a full page. */
const UNDECLARED_LIST: ListSize = { kind: "data", typical: 100, max: 100 };

type Arguments = Record<string, unknown>;
type Estimate = "typical" | "worst";

/**
 * Prices `operation` of `document` for the variables sent. Arguments that
 * cannot be read (a malformed variable) price their list at its largest.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Readonly<Record<string, unknown>> | undefined,
  sizes: ReadonlyMap<string, ListSize> = LIST_SIZE_OF,
): OperationCost {
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return { typical: 0, worst: 0 };
  // Variables that do not fit their types leave the arguments using them unread.
  const variables = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {}).coerced;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  const price = (estimate: Estimate) =>
    new Pricing(schema, fragments, variables, sizes, estimate).selections([operation.selectionSet], rootType, undefined);
  return { typical: price("typical"), worst: price("worst") };
}

/** A field as it is selected, with the type it is selected on. */
interface SelectedField {
  node: FieldNode;
  on: GraphQLCompositeType;
}

/**
 * Response paths an operation may price before it is taken as priceless:
 * far more than any operation within the token and depth limits has, unless
 * fragments multiply each other.
 */
const MAX_PRICED_FIELDS = 10_000;

class Pricing {
  readonly #schema: GraphQLSchema;
  readonly #fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  readonly #variables: Arguments | undefined;
  readonly #sizes: ReadonlyMap<string, ListSize>;
  readonly #estimate: Estimate;
  #pricedFields = 0;

  constructor(
    schema: GraphQLSchema,
    fragments: Readonly<Record<string, FragmentDefinitionNode>>,
    variables: Arguments | undefined,
    sizes: ReadonlyMap<string, ListSize>,
    estimate: Estimate,
  ) {
    this.#schema = schema;
    this.#fragments = fragments;
    this.#variables = variables;
    this.#sizes = sizes;
    this.#estimate = estimate;
  }

  /**
   * The values one object of `type` holds for `selectionSets`, merged as
   * execution merges them: a field asked twice under one response key (or
   * a fragment spread twice) is answered once. `parentArguments` are those
   * of the field that answered the object.
   */
  selections(selectionSets: readonly SelectionSetNode[], type: GraphQLCompositeType, parentArguments: Arguments | undefined): number {
    let cost = 0;
    if (this.#pricedFields > MAX_PRICED_FIELDS) return Infinity;
    for (const fields of this.#collect(selectionSets, type).values()) {
      if (++this.#pricedFields > MAX_PRICED_FIELDS) return Infinity;
      const [{ node, on }] = fields as [SelectedField];
      if (node.name.value === "__typename") {
        cost += 1;
        continue;
      }
      const field = isObjectType(on) || isInterfaceType(on) ? on.getFields()[node.name.value] : undefined;
      if (!field) continue;
      const args = this.#arguments(field, node);
      const itemType = getNamedType(field.type);
      const subselections = fields.flatMap(({ node }) => (node.selectionSet ? [node.selectionSet] : []));
      const item = 1 + (subselections.length && isCompositeType(itemType) ? this.selections(subselections, itemType, args) : 0);
      cost += isListType(getNullableType(field.type))
        ? 1 + this.#listSize(`${on.name}.${field.name}`, args, parentArguments) * item
        : item;
    }
    return cost;
  }

  /** The fields of `selectionSets` by response key, through fragments, each fragment once. */
  #collect(selectionSets: readonly SelectionSetNode[], type: GraphQLCompositeType): Map<string, SelectedField[]> {
    const fields = new Map<string, SelectedField[]>();
    const spread = new Set<string>();
    const visit = (selectionSet: SelectionSetNode, on: GraphQLCompositeType) => {
      for (const selection of selectionSet.selections) {
        switch (selection.kind) {
          case Kind.FIELD: {
            const key = selection.alias?.value ?? selection.name.value;
            fields.set(key, [...(fields.get(key) ?? []), { node: selection, on }]);
            break;
          }
          case Kind.INLINE_FRAGMENT:
            visit(selection.selectionSet, this.#conditionType(selection.typeCondition?.name.value, on));
            break;
          case Kind.FRAGMENT_SPREAD: {
            const fragment = this.#fragments[selection.name.value];
            if (!fragment || spread.has(fragment.name.value)) break;
            spread.add(fragment.name.value);
            visit(fragment.selectionSet, this.#conditionType(fragment.typeCondition.name.value, on));
            break;
          }
        }
      }
    };
    for (const selectionSet of selectionSets) visit(selectionSet, type);
    return fields;
  }

  #conditionType(name: string | undefined, fallback: GraphQLCompositeType): GraphQLCompositeType {
    const condition = name === undefined ? undefined : this.#schema.getType(name);
    return isCompositeType(condition) ? condition : fallback;
  }

  #arguments(field: GraphQLField<unknown, unknown>, node: FieldNode): Arguments | undefined {
    if (!this.#variables && node.arguments?.some((argument) => argument.value.kind === Kind.VARIABLE)) return undefined;
    try {
      return getArgumentValues(field, node, this.#variables);
    } catch {
      return undefined;
    }
  }

  #listSize(coordinate: string, args: Arguments | undefined, parentArguments: Arguments | undefined): number {
    const size = this.#sizes.get(coordinate) ?? UNDECLARED_LIST;
    switch (size.kind) {
      case "data":
        return this.#estimate === "typical" ? size.typical : size.max;
      case "page": {
        const pageArguments = size.arguments === "field" ? args : parentArguments;
        if (!pageArguments) return size.max;
        const asked = [pageArguments.first, pageArguments.last].filter((value): value is number => typeof value === "number");
        if (asked.length === 0) return this.#estimate === "typical" ? size.typical : size.max;
        return Math.min(Math.max(0, ...asked), size.max);
      }
      case "walk": {
        const depth = parentArguments?.depth;
        if (typeof depth !== "number") return size.max;
        return Math.min(size.perStep ** Math.max(0, depth), size.max);
      }
    }
  }
}
