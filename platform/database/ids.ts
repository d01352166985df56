const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every table's id is a UUID. Checking one before it reaches a query keeps a
 * malformed id a client error rather than a database error. Arguments take
 * ids through `entityId` (platform/graphql/validation.ts), which also puts
 * them in the lower case Postgres answers with.
 */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** `rows` in the order of `ids`, null where none has that id: how a batch read by ids answers. */
export function inOrderOf<Row extends { id: string }>(ids: readonly string[], rows: readonly Row[]): (Row | null)[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}
