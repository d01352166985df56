import { expect } from "vitest";

// Reading GraphQL answers, whether they came over HTTP or from Apollo's
// `executeOperation`: one set of helpers for every test.

export interface GraphQLErrorBody {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GraphQLBody<Data = any> {
  data?: Data | null;
  errors?: readonly GraphQLErrorBody[];
}

export interface GraphQLResponse<Data = any> {
  status: number;
  headers: Headers;
  body: GraphQLBody<Data>;
}

type Answer = { body: GraphQLBody };

/** The first error's extensions beside its message and path. */
export type ErrorView = { message: string; path?: readonly (string | number)[]; code?: string; argument?: string } & Record<string, unknown>;

/** The code of the first error, or undefined when there is none. */
export function errorCode(response: Answer): string | undefined {
  return response.body.errors?.[0]?.extensions?.code;
}

/** The first error; fails the test when the operation answered none. */
export function errorOf(response: Answer): ErrorView {
  expect(response.body.errors, `an error, in ${JSON.stringify(response.body)}`).toBeDefined();
  const [{ message, path, extensions }] = response.body.errors as [GraphQLErrorBody];
  return { ...extensions, message, ...(path && { path }) };
}

/** The operation's data, or its `field`; fails the test when it answered errors. */
export function dataOf<Data = any>(response: Answer, field?: string): Data {
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  const data = response.body.data as Record<string, unknown>;
  return (field === undefined ? data : data[field]) as Data;
}
