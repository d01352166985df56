import { isDeepStrictEqual } from "node:util";
import { requestBody, type Operation } from "./operations.ts";

export interface CheckedResponse {
  ok: boolean;
  status: number;
  /** The response's `data` with object keys sorted, when it has no errors. */
  data?: unknown;
  bytes: number;
  problem?: string;
}

/** Posts an operation once, as the load generator will, and reads the answer. */
export async function postOperation(
  url: string,
  operation: Operation,
  headers: Record<string, string>,
): Promise<CheckedResponse> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: requestBody(operation),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    return { ok: false, status: 0, bytes: 0, problem: `request failed: ${String(error)}` };
  }
  const text = await response.text();
  const bytes = Buffer.byteLength(text);
  let body: { data?: unknown; errors?: { message: string }[] };
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, status: response.status, bytes, problem: `not JSON: ${text.slice(0, 200)}` };
  }
  if (!response.ok || body.errors?.length || body.data == null) {
    const messages = body.errors?.map((error) => error.message).join("; ") ?? "no data";
    return { ok: false, status: response.status, bytes, problem: `HTTP ${response.status}: ${messages}` };
  }
  return { ok: true, status: response.status, bytes, data: sortKeys(body.data) };
}

/** A copy of a JSON value with every object's keys in order; arrays keep theirs. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

export function sameData(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(a, b);
}

/** Where two JSON values first differ, for a message a person can act on. */
export function firstDifference(a: unknown, b: unknown, path = "data"): string {
  if (isDeepStrictEqual(a, b)) return "";
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: ${a.length} items vs ${b.length}`;
    for (let index = 0; index < a.length; index++) {
      const found = firstDifference(a[index], b[index], `${path}[${index}]`);
      if (found) return found;
    }
  }
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const found = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
      if (found) return found;
    }
  }
  return `${path}: ${JSON.stringify(a)?.slice(0, 120)} vs ${JSON.stringify(b)?.slice(0, 120)}`;
}
