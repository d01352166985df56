import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operations } from "../../bench/operations.ts";
import { QUERY_PLAN_HEADER } from "../../gateway/execution/plan-executor.ts";
import { SubgraphDataSource } from "../../gateway/subgraph-data-source.ts";
import { readSupergraph } from "../../gateway/supergraph-file.ts";
import { callerAuthenticator } from "../../gateway/authenticate.ts";
import type { Identity, Role } from "../../platform/auth/identity.ts";
import { internalTokenIssuer } from "../../platform/auth/internal-token.ts";
import { errorFormatter } from "../../platform/graphql/errors.ts";
import { startTestSupergraph, type GraphQLResponse, type TestSupergraph } from "../support/test-supergraph.ts";
import { testObservability } from "../support/test-logs.ts";

// The gateway runs query plans itself (gateway/execution/). Apollo Gateway,
// over the same subgraphs with the same data source, is the reference it
// must answer as.

const cases: { name: string; query: string; variables?: Record<string, unknown>; role?: Role }[] = [
  ...operations.map(({ id, query, variables }) => ({ name: `the bench's ${id}`, query, variables })),
  {
    name: "fragments, aliases, typenames and conditions across three subgraphs",
    query: `
      query Shapes($withNews: Boolean!, $skipPartners: Boolean = false) {
        threat: threatLevel { __typename level }
        agency(slug: "mi5") {
          ...Names
          kind: __typename
          partners @skip(if: $skipPartners) { ...Names relationships(direction: OUTGOING) { kind to { ...Names } } }
          news(first: 2) @include(if: $withNews) { title mentions { ... on Agency { slug } } }
        }
      }
      fragment Names on Agency { id slug name shortName }
    `,
    variables: { withNews: true },
  },
  { name: "an agency that does not exist", query: `{ agency(slug: "no-such-agency") { id name partners { name } } }` },
  { name: "a subgraph's error inside entities, its path the response's", query: `{ agencies(first: 3) { edges { node { slug news(first: 500) { title } } } } }` },
  { name: "introspection beside fetched data", query: `{ __type(name: "RelationshipKind") { enumValues { name } } threatLevel { level } }` },
  { name: "a variable of the wrong type", query: `query ($slug: String!) { agency(slug: $slug) { id } }`, variables: { slug: 7 } },
  { name: "a field the caller's role may not read", query: `{ auditTrail(first: 1) { edges { node { id } } } threatLevel { level } }`, role: "reader" },
];

/** What a client reads of a response; stack traces (shown in development) name the code that made the error. */
function answer({ data, errors }: { data?: unknown; errors?: readonly { extensions?: Record<string, unknown> }[] }) {
  const withoutStacks = errors?.map(({ extensions, ...error }) => {
    const { stacktrace: _stacktrace, ...rest } = extensions ?? {};
    return { ...error, extensions: rest };
  });
  return { data, errors: withoutStacks };
}

describe("the gateway's plan executor", () => {
  let liaison: TestSupergraph;
  let reference: ApolloServer<{ identity: Identity }>;
  beforeAll(async () => {
    liaison = await startTestSupergraph();
    const issueToken = internalTokenIssuer(liaison.supergraph.signingKey);
    reference = new ApolloServer({
      gateway: new ApolloGateway({
        supergraphSdl: readSupergraph(),
        buildService: ({ name }) => new SubgraphDataSource(liaison.supergraph.subgraphs[name]!.url, name, issueToken),
      }),
      formatError: errorFormatter({ exposeInternals: true, logger: testObservability().logger }),
    });
    await reference.start();
  });
  afterAll(async () => {
    await reference?.stop();
    await liaison?.stop();
  });

  async function apolloGateways(query: string, variables: Record<string, unknown> | undefined, token: string | undefined) {
    const identity = await callerAuthenticator(liaison.auth)(token && `Bearer ${token}`);
    const response = await reference.executeOperation({ query, variables }, { contextValue: { identity } });
    if (response.body.kind !== "single") throw new Error("Apollo Gateway answered incrementally.");
    return response.body.singleResult;
  }

  for (const { name, query, variables, role } of cases) {
    it(`answers as Apollo Gateway does: ${name}`, async () => {
      const token = role && (await liaison.tokenFor(role));
      const ours = await liaison.query(query, variables, { token });
      expect(answer(ours.body)).toEqual(answer(await apolloGateways(query, variables, token)));
    });
  }

  it("shows a request its query plan when it asks, in development", async () => {
    const response = await liaison.query(operations[0]!.query, operations[0]!.variables, { headers: { [QUERY_PLAN_HEADER]: "true" } });
    expect((response.body as { extensions?: Record<string, unknown> }).extensions?.__queryPlanExperimental).toMatch(/^QueryPlan \{[\s\S]*Fetch\(service: "news"\)/);
  });
});
