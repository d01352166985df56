import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callers, inProcessSubgraph, type InProcessSubgraph } from "../support/in-process-subgraph.ts";
import { errorCode, errorOf } from "../support/responses.ts";

// The audit subgraph's answers that need no database: who may read the
// trail, and bad arguments.

let audit: InProcessSubgraph;
beforeAll(async () => {
  audit = await inProcessSubgraph("audit");
});
afterAll(() => audit?.stop());

const AUDIT = /* GraphQL */ `
  query Audit($entityId: ID, $since: DateTime, $until: DateTime, $first: Int, $after: String) {
    auditTrail(entityId: $entityId, since: $since, until: $until, first: $first, after: $after) { totalCount }
  }
`;

describe("the audit trail", () => {
  it("is for admins only: anyone else gets FORBIDDEN", async () => {
    for (const caller of [callers.anonymous, callers.reader, callers.editor]) {
      const response = await audit.execute(AUDIT, {}, caller);
      expect(errorCode(response), caller.subject ?? "anonymous").toBe("FORBIDDEN");
    }
  });

  it("refuses a malformed entity id, an empty time window, and a bad page, naming the argument", async () => {
    const now = new Date().toISOString();
    const cases = [
      [{ entityId: "nope" }, "entityId"],
      [{ since: now, until: now }, "since"],
      [{ first: -1 }, "first"],
      [{ after: "not-a-cursor" }, "after"],
    ] as const;
    for (const [variables, argument] of cases) {
      const response = await audit.execute(AUDIT, variables, callers.admin);
      expect(errorOf(response), JSON.stringify(variables)).toMatchObject({ code: "BAD_USER_INPUT", argument });
    }
  });
});
