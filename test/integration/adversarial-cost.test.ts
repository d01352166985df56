import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPERATION_LIMITS } from "../../gateway/operation-limits.ts";
import { ErrorCode } from "../../platform/graphql/error-codes.ts";
import { ATTACKS } from "../../scripts/abuse/attacks.ts";
import { LiveError, subscribe } from "../support/live-clients.ts";
import { dataOf, errorOf } from "../support/responses.ts";
import { startTestSupergraph, type TestSupergraph } from "../support/test-supergraph.ts";

// What an attacker with a reader's token can send to make Liaison do
// unbounded work, against the whole supergraph: each operation over the cost
// limit is refused before any subgraph runs a statement, the rest run, and
// the servers keep answering.

let liaison: TestSupergraph;
let reader: string;

beforeAll(async () => {
  liaison = await startTestSupergraph();
  reader = await liaison.tokenFor("reader");
});
afterAll(() => liaison?.stop());

async function stillAnswering() {
  const response = await liaison.query(`{ threatLevel { level } }`, undefined, { token: reader });
  expect(dataOf(response, "threatLevel")).toEqual({ level: "SEVERE" });
}

describe.each(ATTACKS.filter((attack) => attack.expected === "refused").map((attack) => [attack.name, attack] as const))(
  "%s",
  (_name, attack) => {
    it("is refused as too expensive, with its cost and the limit, before any subgraph runs a statement", async () => {
      liaison.statements.length = 0;
      const response = await liaison.query(attack.query, attack.variables, { token: reader });
      expect(response.status).toBe(400);
      expect(response.body.data).toBeUndefined();
      const error = errorOf(response);
      expect(error).toMatchObject({ code: ErrorCode.OPERATION_TOO_EXPENSIVE, limit: OPERATION_LIMITS.cost });
      expect(error.cost).toBeGreaterThan(OPERATION_LIMITS.cost);
      expect(liaison.statements).toEqual([]);
      await stillAnswering();
    });
  },
);

describe.each(ATTACKS.filter((attack) => attack.expected === "admitted").map((attack) => [attack.name, attack] as const))(
  "%s",
  (_name, attack) => {
    it("runs, answering its data", async () => {
      const response = await liaison.query(attack.query, attack.variables, { token: reader });
      expect(response.status).toBe(200);
      expect(Object.values(dataOf(response)).every((value) => value !== null)).toBe(true);
      await stillAnswering();
    });
  },
);

describe("the cost of a page in a variable", () => {
  it("is the page the variables ask for", async () => {
    const query = `query($n: Int) { agencies(first: $n) { edges { node { partners { partners { slug } } } } } }`;
    const small = await liaison.query(query, { n: 2 }, { token: reader });
    expect(dataOf(small, "agencies").edges).toHaveLength(2);
    const large = await liaison.query(query, { n: 100 }, { token: reader });
    expect(errorOf(large).code).toBe(ErrorCode.OPERATION_TOO_EXPENSIVE);
  });
});

describe("a subscription", () => {
  const walk = (inner: string) => `neighbourhood(depth: 3) { nodes { slug ${inner} } }`;
  const query = `subscription { relationshipChanged { relationship { from { ${walk(walk(walk("id")))} } } } }`;

  it("over WebSocket is refused when what it selects of each change costs too much", async () => {
    const refused = subscribe("websocket", liaison.supergraph.gateway.url, { query }, reader);
    const errors = await refused.next().then(
      (result) => result.errors,
      (error: unknown) => (error instanceof LiveError ? error.errors : [{ message: String(error) }]),
    );
    await refused.close();
    expect(errors?.[0]?.extensions).toMatchObject({ code: ErrorCode.OPERATION_TOO_EXPENSIVE, limit: OPERATION_LIMITS.cost });
  });

  // graphql-sse's client keeps only the status of a refusal, so this asks as it does, by hand.
  it("over Server-Sent Events is refused when what it selects of each change costs too much", async () => {
    const response = await fetch(new URL("/graphql/stream", liaison.supergraph.gateway.url), {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream", authorization: `Bearer ${reader}` },
      body: JSON.stringify({ query }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0]?.extensions).toMatchObject({ code: ErrorCode.OPERATION_TOO_EXPENSIVE, limit: OPERATION_LIMITS.cost });
  });
});

describe("heavy operations at once", () => {
  it("take turns and all answer, while a light one answers meanwhile", async () => {
    const heaviest = ATTACKS.filter((attack) => attack.expected === "admitted");
    const copies = heaviest.flatMap((attack) => Array.from({ length: 3 }, () => liaison.query(attack.query, attack.variables, { token: reader })));
    await stillAnswering();
    const answers = await Promise.all(copies);
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
    for (const answer of answers) expect(answer.body.errors).toBeUndefined();
  });
});
