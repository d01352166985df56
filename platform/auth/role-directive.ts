import {
  defaultFieldResolver,
  isObjectType,
  type ConstDirectiveNode,
  type GraphQLSchema,
} from "graphql";
import { forbidden, hasRole, isRole, type Identity, type Role } from "./identity.ts";

/**
 * `@requiresRole(role: "editor")` on a type or field of a subgraph's SDL.
 * Every caller the gateway vouches for can read; this directive marks what
 * needs more. A subgraph declares it in its own SDL:
 *
 *   directive @requiresRole(role: String!) on OBJECT | FIELD_DEFINITION
 *
 * It acts on field resolution, so a type reached through `_entities` is as
 * guarded as one reached from a root field.
 */
export const ROLE_DIRECTIVE = "requiresRole";

export function enforceRoleDirectives(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    const typeRole = roleIn(type.astNode?.directives, type.name);
    for (const field of Object.values(type.getFields())) {
      const needed = roleIn(field.astNode?.directives, `${type.name}.${field.name}`) ?? typeRole;
      if (!needed || needed === "reader") continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: { identity: Identity }, info) => {
        if (!hasRole(context.identity, needed)) {
          throw forbidden(`${type.name}.${field.name} needs the ${needed} role.`);
        }
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}

function roleIn(directives: readonly ConstDirectiveNode[] | undefined, where: string): Role | undefined {
  const directive = directives?.find((node) => node.name.value === ROLE_DIRECTIVE);
  if (!directive) return undefined;
  const argument = directive.arguments?.find((node) => node.name.value === "role")?.value;
  const role = argument?.kind === "StringValue" ? argument.value : undefined;
  if (!isRole(role)) throw new Error(`@${ROLE_DIRECTIVE} on ${where} names no known role.`);
  return role;
}
