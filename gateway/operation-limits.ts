import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { ValidationRule } from "graphql";

/**
 * Bounds on what one operation may ask for, checked before it is planned,
 * so a single request cannot make the gateway or subgraphs do unbounded
 * work. Generous enough for every dashboard and explorer query.
 */
export const OPERATION_LIMITS = {
  depth: 12,
  aliases: 30,
  directives: 30,
  tokens: 3000,
  cost: 20_000,
} as const;

export function operationLimits<Context extends BaseContext>({ development }: { development: boolean }): {
  plugins: ApolloServerPlugin<Context>[];
  validationRules: ValidationRule[];
  parseOptions: { maxTokens: number };
} {
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: OPERATION_LIMITS.depth, ignoreIntrospection: true },
    maxAliases: { n: OPERATION_LIMITS.aliases },
    maxDirectives: { n: OPERATION_LIMITS.directives },
    // Counted by graphql's own parser instead (see parseOptions below), which
    // reports a syntax error as GRAPHQL_PARSE_FAILED rather than as a crash.
    maxTokens: { enabled: false },
    costLimit: { maxCost: OPERATION_LIMITS.cost, ignoreIntrospection: true },
    // Suggestions ("did you mean …") help developers and map the schema for attackers.
    blockFieldSuggestion: { enabled: !development },
  }).protect();
  // graphql-armor is typed against @apollo/server's CommonJS declarations and
  // we against its ES module ones: the same plugin interface, twice declared.
  return {
    plugins: plugins as unknown as ApolloServerPlugin<Context>[],
    validationRules,
    parseOptions: { maxTokens: OPERATION_LIMITS.tokens },
  };
}
