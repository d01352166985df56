import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  Kind,
  type ConstDirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

interface Hint {
  maxAge?: number;
  scope?: "PUBLIC" | "PRIVATE";
  inheritMaxAge?: true;
}

const ENTITIES_FIELD = "_entities";

/**
 * A subgraph's `Cache-Control`, worked out once per operation from the
 * `@cacheControl` hints of every field and type its document selects, rather
 * than field by field as each answer is built (Apollo Server's own plugin,
 * which must then be disabled): on a large answer, such as a neighbourhood of
 * hundreds of agencies, that per-field bookkeeping was a fifth of the
 * subgraph's time. The rules are Apollo Server's, applied to every field the
 * document could resolve rather than to those it did, so the policy is never
 * laxer than Apollo's:
 *
 * - a field's hint is its own, else the hint of the type it returns;
 * - a root field, or a field returning an object, with no `maxAge` and not
 *   `inheritMaxAge` is uncacheable;
 * - `_entities` is as cacheable as the least cacheable entity type the
 *   document asks for (an entity type without a `maxAge` makes it uncacheable);
 * - a mutation is uncacheable; so is an answer with errors.
 *
 * No resolver sets a hint of its own (`info.cacheControl`), which this
 * cannot see.
 */
export function documentCachePolicy<Context extends BaseContext>(schema: GraphQLSchema): ApolloServerPlugin<Context> {
  const hints = new SchemaHints(schema);
  // Apollo Server keeps one parsed document per query text, so this is one entry per operation the gateway sends.
  const policies = new WeakMap<DocumentNode, Map<OperationDefinitionNode, Hint>>();
  const policyOf = (document: DocumentNode, operation: OperationDefinitionNode): Hint => {
    let byOperation = policies.get(document);
    if (!byOperation) policies.set(document, (byOperation = new Map()));
    let policy = byOperation.get(operation);
    if (!policy) byOperation.set(operation, (policy = hints.operationPolicy(document, operation)));
    return policy;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, overallCachePolicy }) {
          overallCachePolicy.restrict(operation ? policyOf(document, operation) : { maxAge: 0 });
        },
        async willSendResponse({ response, overallCachePolicy }) {
          const cacheable = overallCachePolicy.policyIfCacheable();
          const answered = response.body.kind === "single" && !response.body.singleResult.errors;
          response.http.headers.set(
            "cache-control",
            cacheable && answered ? `max-age=${cacheable.maxAge}, ${cacheable.scope.toLowerCase()}` : "no-store",
          );
        },
      };
    },
  };
}

/** The schema's `@cacheControl` hints, read once per field and type. */
class SchemaHints {
  readonly #schema: GraphQLSchema;
  readonly #fieldHints = new Map<GraphQLField<unknown, unknown>, Hint>();
  readonly #typeHints = new Map<GraphQLCompositeType, Hint>();

  constructor(schema: GraphQLSchema) {
    this.#schema = schema;
  }

  operationPolicy(document: DocumentNode, operation: OperationDefinitionNode): Hint {
    if (operation.operation !== "query") return { maxAge: 0 };
    const root = this.#schema.getQueryType();
    if (!root) return { maxAge: 0 };
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const policy: Hint = {};
    const visited = new WeakMap<SelectionSetNode, Set<GraphQLCompositeType>>();
    const visit = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, atRoot: boolean): void => {
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          const name = selection.name.value;
          if (name.startsWith("__")) continue;
          // A field on an interface or union resolves with the object type it meets as its parent.
          for (const objectType of this.#objectTypesOf(parent)) {
            const field = objectType.getFields()[name];
            if (!field) continue;
            const resolverHint =
              atRoot && name === ENTITIES_FIELD && selection.selectionSet
                ? this.#entitiesPolicy(selection.selectionSet, fragments)
                : {};
            restrictInPlace(policy, this.#fieldPolicy(field, atRoot, resolverHint));
            const returned = getNamedType(field.type);
            if (selection.selectionSet && isCompositeType(returned)) {
              const seen = visited.get(selection.selectionSet) ?? new Set();
              visited.set(selection.selectionSet, seen);
              if (!seen.has(returned)) {
                seen.add(returned);
                visit(selection.selectionSet, returned, false);
              }
            }
          }
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          visit(selection.selectionSet, this.#typeNamed(selection.typeCondition?.name.value) ?? parent, atRoot);
        } else {
          const fragment = fragments.get(selection.name.value);
          if (fragment) visit(fragment.selectionSet, this.#typeNamed(fragment.typeCondition.name.value) ?? parent, atRoot);
        }
      }
    };
    visit(operation.selectionSet, root, true);
    return policy;
  }

  /** Apollo Server's hint for one resolved field, given the hint its resolver adds (only `_entities` adds one). */
  #fieldPolicy(field: GraphQLField<unknown, unknown>, atRoot: boolean, resolverHint: Hint): Hint {
    const returned = getNamedType(field.type);
    const composite = isCompositeType(returned);
    let policy: Hint = {};
    let inheritMaxAge = false;
    if (composite) {
      const typeHint = this.#typeHint(returned);
      policy = withoutInherit(typeHint);
      inheritMaxAge = Boolean(typeHint.inheritMaxAge);
    }
    const fieldHint = this.#fieldHint(field);
    if (fieldHint.inheritMaxAge && policy.maxAge === undefined) {
      inheritMaxAge = true;
      if (fieldHint.scope) policy = { ...policy, scope: fieldHint.scope };
    } else {
      policy = { ...policy, ...withoutInherit(fieldHint) };
    }
    policy = restrict(policy, resolverHint);
    if (policy.maxAge === undefined && ((composite && !inheritMaxAge) || atRoot)) policy = restrict(policy, { maxAge: 0 });
    return policy;
  }

  /** The entity types `_entities` is asked for, each as cacheable as its type's hint. */
  #entitiesPolicy(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): Hint {
    let policy: Hint = {};
    for (const selection of selectionSet.selections) {
      const typeName =
        selection.kind === Kind.INLINE_FRAGMENT
          ? selection.typeCondition?.name.value
          : selection.kind === Kind.FRAGMENT_SPREAD
            ? fragments.get(selection.name.value)?.typeCondition.name.value
            : undefined;
      const type = this.#typeNamed(typeName);
      if (!type) continue;
      const hint = this.#typeHint(type);
      policy = restrict(policy, { ...withoutInherit(hint), ...(hint.maxAge === undefined && { maxAge: 0 }) });
    }
    return policy;
  }

  #objectTypesOf(type: GraphQLCompositeType): readonly GraphQLObjectType[] {
    return isAbstractType(type) ? this.#schema.getPossibleTypes(type) : [type];
  }

  #typeNamed(name: string | undefined): GraphQLCompositeType | undefined {
    const type = name ? this.#schema.getType(name) : undefined;
    return type && isCompositeType(type) ? type : undefined;
  }

  #fieldHint(field: GraphQLField<unknown, unknown>): Hint {
    let hint = this.#fieldHints.get(field);
    if (!hint) this.#fieldHints.set(field, (hint = hintIn(field.astNode?.directives) ?? {}));
    return hint;
  }

  #typeHint(type: GraphQLCompositeType): Hint {
    let hint = this.#typeHints.get(type);
    if (!hint) {
      const nodes = [type.astNode, ...type.extensionASTNodes];
      hint = nodes.map((node) => hintIn(node?.directives)).find((found) => found !== undefined) ?? {};
      this.#typeHints.set(type, hint);
    }
    return hint;
  }
}

/** A `@cacheControl` directive's hint, read as Apollo Server reads it. */
function hintIn(directives: readonly ConstDirectiveNode[] | undefined): Hint | undefined {
  const directive = directives?.find((each) => each.name.value === "cacheControl");
  if (!directive?.arguments) return undefined;
  const argument = (name: string) => directive.arguments?.find((each) => each.name.value === name)?.value;
  const scopeValue = argument("scope");
  const scope = scopeValue?.kind === Kind.ENUM && (scopeValue.value === "PUBLIC" || scopeValue.value === "PRIVATE") ? scopeValue.value : undefined;
  const inherit = argument("inheritMaxAge");
  if (inherit?.kind === Kind.BOOLEAN && inherit.value) return { inheritMaxAge: true, ...(scope && { scope }) };
  const maxAge = argument("maxAge");
  return { ...(maxAge?.kind === Kind.INT && { maxAge: Number.parseInt(maxAge.value, 10) }), ...(scope && { scope }) };
}

function withoutInherit({ maxAge, scope }: Hint): Hint {
  return { ...(maxAge !== undefined && { maxAge }), ...(scope && { scope }) };
}

/** The stricter of two hints: the shorter lifetime, and private over public. */
function restrict(a: Hint, b: Hint): Hint {
  const result: Hint = { ...a };
  restrictInPlace(result, b);
  return result;
}

function restrictInPlace(target: Hint, hint: Hint): void {
  if (hint.maxAge !== undefined && (target.maxAge === undefined || hint.maxAge < target.maxAge)) target.maxAge = hint.maxAge;
  if (hint.scope === "PRIVATE" || (hint.scope && !target.scope)) target.scope = hint.scope;
}
