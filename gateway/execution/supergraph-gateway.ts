import { Supergraph } from "@apollo/federation-internals";
import type { GraphQLDataSource } from "@apollo/gateway";
import { QueryPlanner } from "@apollo/query-planner";
import type {
  GatewayInterface,
  GatewayLoadResult,
  GatewaySchemaLoadOrUpdateCallback,
  GatewayUnsubscriber,
} from "@apollo/server-gateway-interface";
import type { GraphQLSchema } from "graphql";
import { ConfigError } from "../../platform/config.ts";
import { planExecutor } from "./plan-executor.ts";

export interface SupergraphGatewayOptions {
  supergraphSdl: string;
  /** The data source for each subgraph the supergraph names, at the address it gives. */
  buildDataSource(subgraph: { name: string; url: string }): GraphQLDataSource;
  /** Answers a request's query plan when it asks (QUERY_PLAN_HEADER): in development. */
  showsQueryPlans: boolean;
}

// Federation features whose plans rewrite data between fetches, which the
// plan runner does not do; no subgraph of Liaison's uses them.
const UNRUN_FEATURES: readonly [RegExp, string][] = [
  [/isInterfaceObject:\s*true/, "@interfaceObject"],
  [/contextArguments:\s*\[\s*\{/, "@fromContext"],
];

/**
 * The gateway as Apollo Server sees it, over a supergraph that does not
 * change while it runs: the API schema, and an executor that plans each
 * operation with Apollo's query planner and runs the plan itself
 * (`planExecutor`). It builds everything at construction, so a supergraph
 * it cannot serve stops the start.
 */
export class SupergraphGateway implements GatewayInterface {
  /** The API schema: what clients may ask. */
  readonly schema: GraphQLSchema;
  readonly #supergraphSdl: string;
  readonly #load: GatewayLoadResult;
  readonly #listeners = new Set<GatewaySchemaLoadOrUpdateCallback>();

  constructor({ supergraphSdl, buildDataSource, showsQueryPlans }: SupergraphGatewayOptions) {
    for (const [pattern, feature] of UNRUN_FEATURES) {
      if (pattern.test(supergraphSdl)) throw new ConfigError(`The supergraph uses ${feature}, which the gateway does not run.`);
    }
    const supergraph = Supergraph.build(supergraphSdl);
    const plannerSchema = supergraph.apiSchema();
    this.schema = plannerSchema.toGraphQLJSSchema();
    this.#supergraphSdl = supergraphSdl;
    const dataSources = new Map(supergraph.subgraphsMetadata().map((subgraph) => [subgraph.name, buildDataSource(subgraph)]));
    const planner = new QueryPlanner(supergraph);
    this.#load = { executor: planExecutor({ planner, plannerSchema, schema: this.schema, dataSources, showsQueryPlans }) };
  }

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback): GatewayUnsubscriber {
    // The supergraph never changes: Apollo Server hears of it once, as it loads.
    this.#listeners.add(callback);
    return () => this.#listeners.delete(callback);
  }

  async load(): Promise<GatewayLoadResult> {
    for (const listener of this.#listeners) listener({ apiSchema: this.schema, coreSupergraphSdl: this.#supergraphSdl });
    return this.#load;
  }

  async stop(): Promise<void> {}
}
