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

/**
 * The fields of every connection type that are worked out on demand: a
 * subgraph's resolvers name them for each of its connection types.
 */
export const connectionResolvers = {
  totalCount: (connection: Connection<unknown>) => connection.totalCount(),
};

/** Checks a client's `first` (or `last`) argument and returns the page size to fetch. */
export function pageSize(count: number | null | undefined, argument: "first" | "last" = "first"): number {
  if (count === null || count === undefined) return DEFAULT_PAGE_SIZE;
  if (count < 0) throw badUserInput(`\`${argument}\` must not be negative.`, argument);
  if (count > MAX_PAGE_SIZE) {
    throw badUserInput(`\`${argument}\` must be at most ${MAX_PAGE_SIZE}.`, argument);
  }
  return count;
}

/** A connection's paging arguments, as Relay names them. */
export interface PageArguments {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/**
 * The page a client asked for: the first `size` rows after a cursor
 * (`first`, `after`), or the last `size` rows before one (`last`,
 * `before`). A store reads `take` rows from `key` (exclusive) in the
 * direction `readingOrder` gives; `toConnection` puts them back in the
 * list's order.
 */
export interface PageRequest<Key> {
  size: number;
  backward: boolean;
  /** The sort key of the cursor's row, which the page does not include. */
  key: Key | undefined;
  /** One row more than `size`, which only tells whether the list goes on. */
  take: number;
}

export function readPage<Key>(args: PageArguments, isKey: (value: unknown) => value is Key): PageRequest<Key> {
  const backward = isGiven(args.last) || isGiven(args.before);
  if (backward && (isGiven(args.first) || isGiven(args.after))) {
    throw badUserInput(
      "Page forwards (`first`, `after`) or backwards (`last`, `before`), not both at once.",
      isGiven(args.last) ? "last" : "before",
    );
  }
  const size = backward ? pageSize(args.last, "last") : pageSize(args.first, "first");
  const cursor = backward ? args.before : args.after;
  const key = isGiven(cursor) ? decodeCursor(cursor, isKey, backward ? "before" : "after") : undefined;
  return { size, backward, key, take: size + 1 };
}

function isGiven<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}

/**
 * How a store reads a page of a list sorted `order`: in which order, and
 * with which comparison a row lies beyond the cursor.
 */
export function readingOrder(order: "asc" | "desc", backward: boolean): { order: "asc" | "desc"; beyond: "gt" | "lt" } {
  const ascending = (order === "asc") !== backward;
  return { order: ascending ? "asc" : "desc", beyond: ascending ? "gt" : "lt" };
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
  argument: "after" | "before" = "after",
): Key {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    key = undefined;
  }
  if (!isKey(key)) throw badUserInput(`\`${argument}\` is not a cursor from this list.`, argument);
  return key;
}

/**
 * Builds a connection from the rows a store read for `page` (up to
 * `page.take`, in reading order): the extra row only tells whether the list
 * goes on in that direction.
 */
export function toConnection<Node, Key>(
  rows: Node[],
  page: PageRequest<Key>,
  options: {
    cursorOf: (node: Node) => string;
    totalCount: () => Promise<number>;
  },
): Connection<Node> {
  const inPage = rows.slice(0, page.size);
  if (page.backward) inPage.reverse();
  const edges = inPage.map((node) => ({ cursor: options.cursorOf(node), node }));
  const more = rows.length > page.size;
  const fromCursor = page.key !== undefined;
  return {
    edges,
    pageInfo: {
      hasNextPage: page.backward ? fromCursor : more,
      hasPreviousPage: page.backward ? more : fromCursor,
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
