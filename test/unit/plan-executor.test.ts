import { createHash } from "node:crypto";
import { Supergraph } from "@apollo/federation-internals";
import type { GraphQLDataSource } from "@apollo/gateway";
import { QueryPlanner } from "@apollo/query-planner";
import type { GatewayGraphQLRequestContext } from "@apollo/server-gateway-interface";
import { getOperationAST, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { planExecutor } from "../../gateway/execution/plan-executor.ts";
import { readSupergraph } from "../../gateway/supergraph-file.ts";

const supergraph = Supergraph.build(readSupergraph());
const plannerSchema = supergraph.apiSchema();
const schema = plannerSchema.toGraphQLJSSchema();

/** An executor whose subgraphs answer nothing, and how many plans it has made. */
function countingExecutor() {
  const planner = new QueryPlanner(supergraph);
  const counted = { plans: 0 };
  const buildQueryPlan = planner.buildQueryPlan.bind(planner);
  planner.buildQueryPlan = (...args) => {
    counted.plans++;
    return buildQueryPlan(...args);
  };
  const answersNothing: GraphQLDataSource = { process: async () => ({ data: {} }) };
  const dataSources = new Map(supergraph.subgraphsMetadata().map(({ name }) => [name, answersNothing]));
  const executor = planExecutor({ planner, plannerSchema, schema, dataSources, showsQueryPlans: false });
  const run = (source: string) => {
    const document = parse(source);
    return executor({
      request: { query: source },
      source,
      document,
      operation: getOperationAST(document)!,
      operationName: null,
      queryHash: createHash("sha256").update(source).digest("hex"),
      context: {},
    } as unknown as GatewayGraphQLRequestContext);
  };
  return { counted, run };
}

describe("the plan executor's prepared operations", () => {
  it("plans an operation once, then answers it from its plan", async () => {
    const { counted, run } = countingExecutor();
    expect(await run(`{ agency(slug: "mi5") { name } }`)).toEqual({ data: { agency: null } });
    await run(`{ agency(slug: "mi5") { name } }`);
    expect(counted.plans).toBe(1);
  });

  it("keeps a bounded amount of operation text: many large operations evict older plans", async () => {
    const { counted, run } = countingExecutor();
    const small = `{ agency(slug: "mi5") { name } }`;
    await run(small);
    // Thirty aliases of 8,000 characters each: within every operation limit, 240 KB of text.
    const large = (variant: number) =>
      `{ ${Array.from({ length: 30 }, (_, index) => `${"a".repeat(8_000)}${variant}x${index}: agency(slug: "mi5") { id }`).join(" ")} }`;
    for (let variant = 0; variant < 5; variant++) await run(large(variant));
    expect(counted.plans).toBe(6);
    await run(small);
    expect(counted.plans).toBe(7);
  });
});
