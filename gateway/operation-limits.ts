import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { ValidationRule } from "graphql";
import { CostLimit } from "./cost/cost-limit.ts";

/**
 * Bounds on what one operation may ask for, checked before it is planned,
 * so a single request cannot make the gateway or subgraphs do unbounded
 * work. Generous enough for every dashboard and explorer query. `cost` is
 * in values of the expected result, lists multiplying what they hold
 * (gateway/cost/, with the list sizes in schema/list-sizes.ts).
 */
export const OPERATION_LIMITS = {
  depth: 12,
  aliases: 30,
  directives: 30,
  tokens: 3000,
  cost: 50_000,
  /**
   * An operation whose typical result is over `typical` values, or whose
   * largest possible one is over `worst`, is heavy: at most
   * `heavyConcurrency` such run at once. A page of 50 agencies with their
   * links (typically 5,000 values, 250,000 at most) is not, nor MI5's
   * partners' partners (900, two million at most).
   */
  heavyCost: { typical: 10_000, worst: 10_000_000 },
  heavyConcurrency: 2,
} as const;

export interface OperationLimits<Context extends BaseContext> {
  plugins: ApolloServerPlugin<Context>[];
  validationRules: ValidationRule[];
  parseOptions: { maxTokens: number };
  /** Prices operations; subscriptions check theirs with it too. */
  cost: CostLimit;
}

export function operationLimits<Context extends BaseContext>({ development }: { development: boolean }): OperationLimits<Context> {
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: OPERATION_LIMITS.depth, ignoreIntrospection: true },
    maxAliases: { n: OPERATION_LIMITS.aliases },
    maxDirectives: { n: OPERATION_LIMITS.directives },
    // Counted by graphql's own parser instead (see parseOptions below), which
    // reports a syntax error as GRAPHQL_PARSE_FAILED rather than as a crash.
    maxTokens: { enabled: false },
    // graphql-armor's cost neither multiplies through lists nor reads
    // variables; gateway/cost/ does both.
    costLimit: { enabled: false },
    // Suggestions ("did you mean …") help developers and map the schema for attackers.
    blockFieldSuggestion: { enabled: !development },
  }).protect();
  const cost = new CostLimit({
    limit: OPERATION_LIMITS.cost,
    heavy: OPERATION_LIMITS.heavyCost,
    heavyConcurrency: OPERATION_LIMITS.heavyConcurrency,
  });
  // graphql-armor is typed against @apollo/server's CommonJS declarations and
  // we against its ES module ones: the same plugin interface, twice declared.
  return {
    plugins: [...(plugins as unknown as ApolloServerPlugin<Context>[]), cost.plugin<Context>()],
    validationRules,
    parseOptions: { maxTokens: OPERATION_LIMITS.tokens },
    cost,
  };
}
