import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operations } from "../../bench/operations.ts";
import { startTestSupergraph, type GraphQLResponse, type TestSupergraph } from "../support/test-supergraph.ts";

// The header with which a request asks Apollo Gateway for its query plan;
// the gateway leaves such a request to Apollo Gateway's own executor.
const APOLLO_EXECUTOR = { "apollo-query-plan-experimental": "true" };

const cases: { name: string; query: string; variables?: Record<string, unknown>; role?: "reader" | "admin" }[] = [
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
  { name: "a field the caller's role may not read", query: `{ auditTrail(first: 1) { edges { node { id } } } threatLevel { level } }`, role: "reader" },
];

/** What a client reads of a response; stack traces (shown in development) name the code that made the error. */
function answer({ status, body }: GraphQLResponse) {
  const errors = body.errors?.map(({ extensions, ...error }) => {
    const { stacktrace: _stacktrace, ...rest } = extensions ?? {};
    return { ...error, extensions: rest };
  });
  return { status, data: body.data, errors };
}

describe("the gateway's plan executor", () => {
  let liaison: TestSupergraph;
  beforeAll(async () => {
    liaison = await startTestSupergraph();
  });
  afterAll(async () => {
    await liaison?.stop();
  });

  for (const { name, query, variables, role } of cases) {
    it(`answers as Apollo Gateway's executor: ${name}`, async () => {
      const token = role && (await liaison.tokenFor(role));
      const ours = await liaison.query(query, variables, { token });
      const apollos = await liaison.query(query, variables, { token, headers: APOLLO_EXECUTOR });
      // Apollo Gateway's answer shows its plan; the plan executor's does not.
      expect(apollos.body).toHaveProperty("extensions.__queryPlanExperimental");
      expect(ours.body).not.toHaveProperty("extensions.__queryPlanExperimental");
      expect(answer(ours)).toEqual(answer(apollos));
    });
  }

  it("refuses a variable of the wrong type as Apollo Gateway does, before planning", async () => {
    const query = `query ($slug: String!) { agency(slug: $slug) { id } }`;
    const ours = await liaison.query(query, { slug: 7 });
    expect(ours.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(answer(ours)).toEqual(answer(await liaison.query(query, { slug: 7 }, { headers: APOLLO_EXECUTOR })));
  });

  it("leaves introspection to Apollo Gateway, which answers it", async () => {
    const response = await liaison.query(`{ __type(name: "RelationshipKind") { enumValues { name } } threatLevel { level } }`);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.__type.enumValues.map((value: { name: string }) => value.name)).toContain("PARTNER");
    expect(response.body.data.threatLevel.level).toEqual(expect.any(String));
  });
});
