import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import {
  getNullableType,
  isInputObjectType,
  isListType,
  isScalarType,
  TypeInfo,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";
import { DateTimeResolver } from "graphql-scalars";
import { badUserInput } from "../platform/graphql/errors.ts";

// The supergraph declares custom scalars without their parsers, so the
// gateway would pass any literal or variable to a subgraph, whose refusal
// (a failed validation, or a database error for text Postgres cannot store)
// reached the client as a failed fetch. These checks run on the gateway,
// before planning, and name the argument at fault.

/** Why `value` is not acceptable input of a scalar, or undefined when it is. */
type ScalarCheck = (value: unknown) => string | undefined;

// Postgres text cannot hold U+0000, whatever column a string ends up in.
const storableText: ScalarCheck = (value) =>
  typeof value === "string" && value.includes("\u0000") ? "must not contain a NUL character (\\u0000)" : undefined;

const dateTime: ScalarCheck = (value) => {
  try {
    DateTimeResolver.parseValue(value);
    return undefined;
  } catch (error) {
    return `is not a date-time such as 2026-01-31T09:00:00Z (${error instanceof Error ? error.message : String(error)})`;
  }
};

export const SCALAR_CHECKS: Readonly<Record<string, ScalarCheck>> = {
  String: storableText,
  ID: storableText,
  DateTime: dateTime,
};

/** Refuses, with BAD_USER_INPUT naming the argument, input the subgraphs would fail on. */
export function inputChecks<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, schema, request }) {
          checkArguments(document, schema, request.variables ?? {});
        },
      };
    },
  };
}

/** Throws BAD_USER_INPUT for the first argument of `document` whose value (literal or variable) fails a scalar check. */
export function checkArguments(document: DocumentNode, schema: GraphQLSchema, variables: Record<string, unknown>): void {
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const argument = typeInfo.getArgument();
        if (!argument) return;
        checkValue(valueFromASTUntyped(node.value, variables), argument.type, node.name.value);
      },
    }),
  );
}

function checkValue(value: unknown, type: GraphQLInputType, path: string): void {
  if (value === null || value === undefined) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    for (const item of Array.isArray(value) ? value : [value]) checkValue(item, nullable.ofType, path);
  } else if (isInputObjectType(nullable)) {
    if (typeof value !== "object") return;
    for (const [name, field] of Object.entries(nullable.getFields())) {
      checkValue((value as Record<string, unknown>)[name], field.type, `${path}.${name}`);
    }
  } else if (isScalarType(nullable)) {
    const reason = SCALAR_CHECKS[nullable.name]?.(value);
    if (reason) {
      const error = badUserInput(`\`${path}\` ${reason}.`, path);
      error.extensions.http = { status: 400 };
      throw error;
    }
  }
}
