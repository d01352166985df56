import type { ApolloServer, ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { FastifyInstance } from "fastify";
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema, type ParseOptions, type ValidationRule } from "graphql";
import type { Identity } from "../../platform/auth/identity.ts";
import type { CallerAuthenticator } from "../../platform/auth/internal-token.ts";
import type { ChangeFeed } from "../../platform/changes/change-feed.ts";
import { ErrorCode } from "../../platform/graphql/error-codes.ts";
import type { CostLimit } from "../cost/cost-limit.ts";
import { LiveSubscriptions } from "./live-subscriptions.ts";
import { SSE_PATH, serveLiveTransports } from "./transports.ts";

/** Bounds on what subscribers may hold; generous for dashboards, small enough to protect a replica. */
export const SUBSCRIPTION_LIMITS = {
  perGateway: 10_000,
  perConnection: 25,
  /** Changes held for one subscriber that reads slower than they come. */
  backlog: 1_000,
  keepAliveMs: 12_000,
} as const;

export interface SubscriptionOptions {
  feed: ChangeFeed;
  authenticate: CallerAuthenticator;
  validationRules: readonly ValidationRule[];
  /** The most an operation the gateway admits may cost. */
  cost: Pick<CostLimit, "refusal">;
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  /** Whether pages on another origin may open a WebSocket here (the CORS allow-list). */
  allowsOrigin(origin: string): boolean;
  /** The limits HTTP operations are parsed under (tokens). */
  parseOptions: ParseOptions;
  /** Whether an operation's text may run here (the persisted operations' safelist). */
  admits(source: string): boolean;
}

/**
 * Serves the supergraph's subscriptions from the change feed over WebSocket
 * and Server-Sent Events, resolving each change through `apollo` as the
 * subscriber, over the gateway's API schema. Call once Apollo has started.
 */
export function serveSubscriptions<Context extends BaseContext & { identity: Identity }>(
  app: FastifyInstance,
  apollo: ApolloServer<Context>,
  apiSchema: GraphQLSchema,
  options: SubscriptionOptions,
): LiveSubscriptions {
  const live = new LiveSubscriptions({
    feed: options.feed,
    apiSchema,
    validationRules: options.validationRules,
    cost: options.cost,
    maxSubscriptions: SUBSCRIPTION_LIMITS.perGateway,
    maxBacklog: SUBSCRIPTION_LIMITS.backlog,
    async runQuery(request, identity) {
      const response = await apollo.executeOperation(request, { contextValue: { identity } as Context });
      if (response.body.kind !== "single") throw new Error("A change's entity came back incrementally.");
      const { data, errors } = response.body.singleResult;
      return { data: data ?? null, ...(errors && { errors }) };
    },
  });
  serveLiveTransports(app, {
    live,
    authenticate: options.authenticate,
    maxSubscriptionsPerConnection: SUBSCRIPTION_LIMITS.perConnection,
    keepAliveMs: SUBSCRIPTION_LIMITS.keepAliveMs,
    formatError: options.formatError,
    allowsOrigin: options.allowsOrigin,
    parseOptions: options.parseOptions,
    admits: options.admits,
  });
  return live;
}

/**
 * Refuses a subscription sent over plain HTTP with a client error that says
 * where subscriptions are served, instead of Apollo Gateway's internal error.
 */
export function subscriptionsOverHttpRefused<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== "subscription") return;
          throw new GraphQLError(
            `Subscriptions are served over WebSocket (graphql-ws) at /graphql and Server-Sent Events at ${SSE_PATH}, not over plain HTTP.`,
            { extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 400 } } },
          );
        },
      };
    },
  };
}
