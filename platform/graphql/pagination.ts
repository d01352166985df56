import { isUuid } from "../database/ids.ts";
import { badUserInput } from "./errors.ts";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Edge<Node> {
  cursor: string;
  node: Node;
}

/** A Relay connection; `totalCount` is computed only when a client asks for it. */
export interface Connection<Node> {
  edges: Edge<Node>[];
  pageInfo: PageInfo;
  totalCount: () => Promise<number>;
}

/** Checks a client's `first` argument and returns the page size to fetch. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (first < 0) throw badUserInput("`first` must not be negative.", "first");
  if (first > MAX_PAGE_SIZE) {
    throw badUserInput(`\`first\` must be at most ${MAX_PAGE_SIZE}.`, "first");
  }
  return first;
}

/**
 * A cursor is the sort key of the row it points at, opaque to clients.
 * `isKey` checks that a decoded cursor has the shape this list sorts by.
 */
export function encodeCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor<Key>(
  cursor: string,
  isKey: (value: unknown) => value is Key,
): Key {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    key = undefined;
  }
  if (!isKey(key)) throw badUserInput("`after` is not a cursor from this list.", "after");
  return key;
}

/**
 * Builds a connection from up to `size + 1` rows fetched after the cursor:
 * the extra row only tells whether another page follows.
 */
export function toConnection<Node>(
  rows: Node[],
  size: number,
  options: {
    cursorOf: (node: Node) => string;
    after: string | null | undefined;
    totalCount: () => Promise<number>;
  },
): Connection<Node> {
  const edges = rows.slice(0, size).map((node) => ({ cursor: options.cursorOf(node), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: Boolean(options.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: options.totalCount,
  };
}

/** The key of a list sorted by an instant and then an id, both descending. */
export type InstantIdKey = [instant: string, id: string];

export function instantIdKey(instant: Date, id: string): InstantIdKey {
  return [instant.toISOString(), id];
}

export function isInstantIdKey(value: unknown): value is InstantIdKey {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    isIsoInstant(value[0]) &&
    isUuid(value[1])
  );
}

function isIsoInstant(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const date = new Date(value);
  return !Number.isNaN(date.getTime()) && date.toISOString() === value;
}
