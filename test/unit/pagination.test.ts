import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { encodeCursor, readingOrder, readPage, toConnection } from "../../platform/graphql/pagination.ts";

const isNumberKey = (value: unknown): value is [number] => Array.isArray(value) && typeof value[0] === "number";

function errorOf(read: () => unknown) {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return (error as GraphQLError).extensions;
  }
  throw new Error("expected a GraphQL error");
}

describe("reading a page", () => {
  it("reads the first 20 forwards when nothing is said", () => {
    expect(readPage({}, isNumberKey)).toEqual({ size: 20, backward: false, key: undefined, take: 21 });
  });

  it("reads backwards from `before` with `last`", () => {
    expect(readPage({ last: 5, before: encodeCursor([7]) }, isNumberKey)).toEqual({ size: 5, backward: true, key: [7], take: 6 });
    expect(readPage({ before: encodeCursor([7]) }, isNumberKey)).toMatchObject({ size: 20, backward: true });
  });

  it("refuses both directions at once, naming the backward argument", () => {
    expect(errorOf(() => readPage({ first: 5, last: 5 }, isNumberKey))).toEqual({ code: "BAD_USER_INPUT", argument: "last" });
    expect(errorOf(() => readPage({ after: encodeCursor([1]), before: encodeCursor([9]) }, isNumberKey))).toEqual({
      code: "BAD_USER_INPUT",
      argument: "before",
    });
  });

  it("refuses a bad `last` or `before`, naming it", () => {
    expect(errorOf(() => readPage({ last: -1 }, isNumberKey))).toEqual({ code: "BAD_USER_INPUT", argument: "last" });
    expect(errorOf(() => readPage({ last: 101 }, isNumberKey))).toEqual({ code: "BAD_USER_INPUT", argument: "last" });
    expect(errorOf(() => readPage({ before: "not-a-cursor" }, isNumberKey))).toEqual({ code: "BAD_USER_INPUT", argument: "before" });
  });

  it("reads in the list's order forwards and against it backwards", () => {
    expect(readingOrder("asc", false)).toEqual({ order: "asc", beyond: "gt" });
    expect(readingOrder("asc", true)).toEqual({ order: "desc", beyond: "lt" });
    expect(readingOrder("desc", false)).toEqual({ order: "desc", beyond: "lt" });
    expect(readingOrder("desc", true)).toEqual({ order: "asc", beyond: "gt" });
  });
});

describe("a connection read backwards", () => {
  const options = { cursorOf: (row: number) => encodeCursor([row]), totalCount: async () => 10 };

  it("puts the rows back in the list's order and says an earlier page exists", () => {
    // The last 3 before row 8, read from 7 down: 7, 6, 5 and one more (4).
    const connection = toConnection([7, 6, 5, 4], readPage({ last: 3, before: encodeCursor([8]) }, isNumberKey), options);
    expect(connection.edges.map((edge) => edge.node)).toEqual([5, 6, 7]);
    expect(connection.pageInfo).toEqual({
      hasPreviousPage: true,
      hasNextPage: true,
      startCursor: encodeCursor([5]),
      endCursor: encodeCursor([7]),
    });
  });

  it("says when it reached the start", () => {
    const connection = toConnection([2, 1], readPage({ last: 3 }, isNumberKey), options);
    expect(connection.edges.map((edge) => edge.node)).toEqual([1, 2]);
    expect(connection.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: false });
  });
});
