import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { isUuid } from "../../platform/database/ids.ts";
import { entityId } from "../../platform/graphql/validation.ts";

const ID = "019ad3f2-7c4e-7a10-8b2c-5d6e7f809a1b";

describe("entityId", () => {
  it("takes a UUID in any case as the id it names, in lower case", () => {
    for (const given of [ID, ID.toUpperCase(), "019AD3F2-7c4e-7A10-8b2C-5d6e7F809a1b"]) {
      expect(entityId(given, "id"), given).toBe(ID);
    }
  });

  it("refuses anything else with BAD_USER_INPUT naming the argument", () => {
    const malformed = [
      "", "mi5", ` ${ID}`, `${ID}\n`, `{${ID}}`, `urn:uuid:${ID}`, ID.replaceAll("-", ""),
      `${ID}0`, ID.slice(1), ID.replace("7", "g"), `${ID}'; DROP TABLE agencies.agency; --`, "\u0000",
    ];
    for (const given of malformed) {
      let refusal: unknown;
      try {
        entityId(given, "input.from");
      } catch (error) {
        refusal = error;
      }
      expect(refusal, JSON.stringify(given)).toBeInstanceOf(GraphQLError);
      expect((refusal as GraphQLError).extensions).toEqual({ code: "BAD_USER_INPUT", argument: "input.from" });
      expect((refusal as GraphQLError).message).toBe("input.from is not a well-formed id.");
    }
  });
});

describe("isUuid", () => {
  it("holds for UUIDs only, and for nothing that is not a string", () => {
    expect(isUuid(ID)).toBe(true);
    expect(isUuid(ID.toUpperCase())).toBe(true);
    for (const value of [undefined, null, 42, [ID], { id: ID }, "not-a-uuid"]) expect(isUuid(value)).toBe(false);
  });
});
