import { ERRORS } from "@apollo/federation-internals";
import {
  GraphQLString,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  executeSync,
  Kind,
  OperationTypeNode,
  typeFromAST,
  valueFromAST,
  type DirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLError,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

/**
 * What an operation selects, compiled once per document from its AST, so
 * that shaping a response walks plain objects and arrays. It answers as
 * Apollo Gateway's post-processing does (`computeResponse`): the fields
 * asked for, under the names asked for, in the order asked for; `null`
 * propagated to the nearest nullable parent, with an `INVALID_GRAPHQL`
 * error where a subgraph's value does not fit the schema.
 */
export interface ResultShape {
  readonly schema: GraphQLSchema;
  readonly rootType: GraphQLCompositeType;
  readonly selections: readonly Selection[];
  /**
   * Whether the response may be built of ordinary objects, which V8
   * serialises about twice as fast as prototype-less ones: only when no
   * name the operation answers under (`constructor`, `__proto__`, ...) is
   * one every object already has.
   */
  readonly ordinaryObjects: boolean;
}

type Selection = FieldSelection | FragmentSelection | IntrospectionSelection;

/** `true`/`false`, or the variable that says. */
type Flag = boolean | { readonly variable: string };

interface Conditions {
  readonly skip?: Flag;
  readonly include?: Flag;
}

interface FieldSelection {
  readonly kind: "field";
  readonly responseName: string;
  readonly isTypename: boolean;
  readonly type: GraphQLOutputType;
  /** The field's sub-selections; undefined for a leaf. */
  readonly selections: readonly Selection[] | undefined;
  readonly conditions: Conditions | undefined;
}

interface FragmentSelection {
  readonly kind: "fragment";
  readonly typeCondition: GraphQLCompositeType | undefined;
  readonly selections: readonly Selection[];
  readonly conditions: Conditions | undefined;
  /** Whether the condition holds for an object of the named type, by name; filled as types are met. */
  readonly appliesTo: Map<string, boolean>;
}

/** `__schema` or `__type`, answered from the API schema itself. */
interface IntrospectionSelection {
  readonly kind: "introspection";
  readonly responseName: string;
  /** A query of this one field, with the operation's variables and fragments. */
  readonly document: DocumentNode;
  readonly conditions: Conditions | undefined;
}

/**
 * Compiles `operation`'s selections against the API schema. Each named
 * fragment is compiled once however often it is spread, so a document's
 * size, not its fan-out, bounds the work.
 */
export function compileResultShape(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
): ResultShape {
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) throw new Error(`The schema has no ${operation.operation} type.`);
  let ordinaryObjects = true;
  const spreads = new Map<string, readonly Selection[]>();

  const conditionsOf = (directives: readonly DirectiveNode[] | undefined): Conditions | undefined => {
    let conditions: { skip?: Flag; include?: Flag } | undefined;
    for (const directive of directives ?? []) {
      const name = directive.name.value;
      if (name !== "skip" && name !== "include") continue;
      if (conditions?.[name] !== undefined) continue;
      const argument = directive.arguments?.find((each) => each.name.value === "if")?.value;
      if (!argument) continue;
      const flag: Flag = argument.kind === Kind.VARIABLE ? { variable: argument.name.value } : argument.kind === Kind.BOOLEAN && argument.value;
      (conditions ??= {})[name] = flag;
    }
    return conditions;
  };

  const compile = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType): Selection[] =>
    selectionSet.selections.map((node): Selection => {
      if (node.kind === Kind.FIELD) {
        const fieldName = node.name.value;
        const responseName = node.alias?.value ?? fieldName;
        if (responseName in Object.prototype) ordinaryObjects = false;
        if (fieldName === "__typename") {
          return { kind: "field", responseName, isTypename: true, type: GraphQLString, selections: undefined, conditions: conditionsOf(node.directives) };
        }
        if (fieldName === "__schema" || fieldName === "__type") {
          const query: OperationDefinitionNode = {
            kind: Kind.OPERATION_DEFINITION,
            operation: OperationTypeNode.QUERY,
            variableDefinitions: operation.variableDefinitions,
            selectionSet: { kind: Kind.SELECTION_SET, selections: [node] },
          };
          const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [query, ...Object.values(fragments)] };
          return { kind: "introspection", responseName, document, conditions: conditionsOf(node.directives) };
        }
        if (!isObjectType(parentType) && !isInterfaceType(parentType)) throw new Error(`${parentType.name} has no fields.`);
        const definition = parentType.getFields()[fieldName];
        if (!definition) throw new Error(`${parentType.name} has no field ${fieldName}.`);
        const named = namedTypeOf(definition.type);
        return {
          kind: "field",
          responseName,
          isTypename: false,
          type: definition.type,
          selections: node.selectionSet && isCompositeType(named) ? compile(node.selectionSet, named) : undefined,
          conditions: conditionsOf(node.directives),
        };
      }
      if (node.kind === Kind.INLINE_FRAGMENT) {
        const typeCondition = node.typeCondition ? compositeType(schema, node.typeCondition.name.value) : undefined;
        return fragment(typeCondition, compile(node.selectionSet, typeCondition ?? parentType), conditionsOf(node.directives));
      }
      const definition = fragments[node.name.value];
      if (!definition) throw new Error(`No fragment ${node.name.value}.`);
      const typeCondition = compositeType(schema, definition.typeCondition.name.value);
      let selections = spreads.get(definition.name.value);
      if (!selections) {
        selections = compile(definition.selectionSet, typeCondition);
        spreads.set(definition.name.value, selections);
      }
      return fragment(typeCondition, selections, conditionsOf(node.directives));
    });

  const selections = compile(operation.selectionSet, rootType);
  return { schema, rootType, selections, ordinaryObjects };
}

/** The default values of `operation`'s variables, by name. */
export function variableDefaults(schema: GraphQLSchema, operation: OperationDefinitionNode): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (!definition.defaultValue) continue;
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    defaults[definition.variable.name.value] = type && valueFromAST(definition.defaultValue, type);
  }
  return defaults;
}

function fragment(typeCondition: GraphQLCompositeType | undefined, selections: readonly Selection[], conditions: Conditions | undefined): FragmentSelection {
  return { kind: "fragment", typeCondition, selections, conditions, appliesTo: new Map() };
}

function compositeType(schema: GraphQLSchema, name: string): GraphQLCompositeType {
  const type = schema.getType(name);
  if (!type || !isCompositeType(type)) throw new Error(`${name} is not a composite type.`);
  return type;
}

function namedTypeOf(type: GraphQLOutputType) {
  let named = type;
  while (isNonNullType(named) || isListType(named)) named = named.ofType;
  return named;
}

export interface ShapedResult {
  data: Record<string, unknown> | null;
  errors: GraphQLError[];
}

/**
 * Shapes the data the plan's fetches merged into the response `shape`
 * describes; `variables` are the request's over the operation's defaults.
 */
export function shapeResult(shape: ResultShape, input: Record<string, unknown>, variables: Readonly<Record<string, unknown>>): ShapedResult {
  const shaping = new Shaping(shape.schema, variables, shape.ordinaryObjects);
  const data = shaping.newObject();
  const complete = shaping.applySelections(input, shape.selections, data, shape.rootType);
  return { data: complete ? data : null, errors: shaping.errors };
}

/** One response's shaping: its path so far, its errors, and the flags each value's completion leaves. */
class Shaping {
  readonly errors: GraphQLError[] = [];
  readonly #path: (string | number)[] = [];
  /** Left by `#complete`: the value's null must propagate to its parent. */
  #invalid = false;
  /** Left by `#complete`: an error was already reported for this value or within it. */
  #reported = false;

  readonly #schema: GraphQLSchema;
  readonly #variables: Readonly<Record<string, unknown>>;
  readonly #ordinaryObjects: boolean;

  constructor(schema: GraphQLSchema, variables: Readonly<Record<string, unknown>>, ordinaryObjects: boolean) {
    this.#schema = schema;
    this.#variables = variables;
    this.#ordinaryObjects = ordinaryObjects;
  }

  newObject(): Record<string, unknown> {
    return this.#ordinaryObjects ? {} : Object.create(null);
  }

  /** Writes `selections` of `input` into `output`; false when a null must propagate to the parent. */
  applySelections(input: Record<string, unknown>, selections: readonly Selection[], output: Record<string, unknown>, parentType: GraphQLCompositeType): boolean {
    for (const selection of selections) {
      if (selection.conditions && this.#skips(selection.conditions)) continue;
      if (selection.kind === "introspection") {
        output[selection.responseName] ??= this.#introspect(selection);
        continue;
      }
      if (selection.kind === "fragment") {
        const typename = input.__typename;
        if (typename && typeof typename !== "string") throw new Error(`Got unexpected value for __typename: ${String(typename)}`);
        if (!this.#applies(selection, (typename as string) || undefined, parentType)) continue;
        if (!this.applySelections(input, selection.selections, output, selection.typeCondition ?? parentType)) return false;
        continue;
      }
      const { responseName } = selection;
      const outputValue = output[responseName];
      const inputValue = Object.hasOwn(input, responseName) ? (input[responseName] ?? null) : null;
      if (selection.isTypename) {
        if (outputValue !== undefined) continue;
        const named = inputValue === null && responseName !== "__typename" ? (input.__typename ?? null) : inputValue;
        const type = (typeof named === "string" && this.#schema.getType(named)) || parentType;
        if (!isObjectType(type)) return false;
        output[responseName] = type.name;
        continue;
      }
      this.#path.push(responseName);
      output[responseName] = this.#complete(outputValue, selection.type, inputValue, selection.selections, parentType);
      this.#path.pop();
      if (this.#invalid) return false;
    }
    return true;
  }

  #complete(outputValue: unknown, type: GraphQLOutputType, inputValue: unknown, selections: readonly Selection[] | undefined, parentType: GraphQLCompositeType): unknown {
    this.#invalid = false;
    this.#reported = false;
    if (outputValue === null || (outputValue !== undefined && !selections)) return outputValue;
    if (isNonNullType(type)) {
      const value = this.#complete(outputValue, type.ofType, inputValue, selections, parentType);
      if (value !== null) {
        this.#invalid = false;
        this.#reported = false;
        return value;
      }
      if (!this.#reported) this.#report(`Cannot return null for non-nullable ${this.#describeLast(type.ofType, parentType)}.`);
      this.#invalid = true;
      this.#reported = true;
      return null;
    }
    if (inputValue === null) return null;
    if (isListType(type)) {
      if (!Array.isArray(inputValue)) throw new Error(`Invalid non-list value ${String(inputValue)} returned by subgraph for list type ${type}`);
      if (outputValue !== undefined && (!Array.isArray(outputValue) || outputValue.length !== inputValue.length)) {
        throw new Error(`Invalid value merged for list type ${type}`);
      }
      const outputList = outputValue as unknown[] | undefined;
      const values = new Array<unknown>(inputValue.length);
      let nullify = false;
      let reported = false;
      for (let index = 0; index < inputValue.length; index++) {
        this.#path.push(index);
        values[index] = this.#complete(outputList?.[index], type.ofType, inputValue[index], selections, parentType);
        this.#path.pop();
        nullify ||= this.#invalid;
        reported ||= this.#reported;
      }
      this.#invalid = false;
      this.#reported = reported;
      return nullify ? null : values;
    }
    if (isCompositeType(type)) {
      if (!selections) throw new Error(`Invalid empty selection set for composite type ${type}`);
      if (typeof inputValue !== "object" || (outputValue !== undefined && typeof outputValue !== "object")) {
        throw new Error(`Invalid non-object value ${String(inputValue)} returned by subgraph for composite type ${type}`);
      }
      const object = inputValue as Record<string, unknown>;
      const typename = object.__typename;
      if (typename !== undefined && typeof typename !== "string") throw new Error(`Invalid non-string value ${String(typename)} for __typename`);
      let objectType: GraphQLCompositeType = type;
      if (typename) {
        const named = this.#schema.getType(typename);
        if (!named || !isCompositeType(named)) {
          this.#report(`Invalid __typename found for object at ${this.#describeLast(type, parentType)}.`);
          this.#reported = true;
          return null;
        }
        objectType = named;
      }
      const output = (outputValue ?? this.newObject()) as Record<string, unknown>;
      const complete = this.applySelections(object, selections, output, objectType);
      this.#invalid = false;
      this.#reported = !complete;
      return complete ? output : null;
    }
    if (outputValue !== undefined) throw new Error(`Expected output to be undefined for type ${type}`);
    if (isValidLeafValue(type, inputValue)) return inputValue;
    this.#report(`Invalid value found for ${this.#describeLast(type, parentType)}.`);
    this.#reported = true;
    return null;
  }

  #introspect({ document, responseName }: IntrospectionSelection): unknown {
    const { data, errors } = executeSync({ schema: this.#schema, document, variableValues: this.#variables });
    if (errors?.length || !data) throw new Error(`Introspection failed: ${errors?.map((error) => error.message).join("; ")}`);
    return data[responseName];
  }

  #skips({ skip, include }: Conditions): boolean {
    return (skip !== undefined && this.#flag(skip)) || (include !== undefined && !this.#flag(include));
  }

  #flag(flag: Flag): boolean {
    if (typeof flag === "boolean") return flag;
    const value = this.#variables[flag.variable];
    if (typeof value !== "boolean") throw new Error(`Unexpected value ${String(value)} for variable $${flag.variable}`);
    return value;
  }

  #applies(selection: FragmentSelection, typename: string | undefined, parentType: GraphQLCompositeType): boolean {
    const condition = selection.typeCondition;
    if (!condition) return true;
    const name = typename || parentType.name;
    let applies = selection.appliesTo.get(name);
    if (applies === undefined) {
      const type = typename ? this.#schema.getType(typename) : parentType;
      applies =
        !!type &&
        (type.name === condition.name ||
          (isAbstractType(condition) && (isObjectType(type) || isInterfaceType(type)) && this.#schema.isSubType(condition, type)));
      selection.appliesTo.set(name, applies);
    }
    return applies;
  }

  #report(message: string) {
    this.errors.push(ERRORS.INVALID_GRAPHQL.err(message, { path: [...this.#path] }));
  }

  #describeLast(type: GraphQLOutputType, parentType: GraphQLCompositeType): string {
    const last = this.#path[this.#path.length - 1];
    return typeof last === "string" ? `field ${parentType.name}.${last}` : `array element of type ${type} at index ${last}`;
  }
}

const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;
const BUILT_IN_SCALARS = new Set(["String", "Int", "Float", "Boolean", "ID"]);

/** Whether a subgraph's value fits a leaf type, by Apollo Gateway's rules: custom scalars take anything. */
function isValidLeafValue(type: GraphQLOutputType, value: unknown): boolean {
  if (isEnumType(type)) return typeof value === "string" && type.getValue(value) !== undefined;
  const name = (type as { name: string }).name;
  if (!BUILT_IN_SCALARS.has(name)) return true;
  if (typeof value === "boolean") return name === "Boolean";
  if (typeof value === "number" && Number.isFinite(value)) return name === "Float" || ((name === "Int" || name === "ID") && INTEGER.test(String(value)));
  if (typeof value === "string") return name === "String" || name === "ID";
  return false;
}
