import type { GraphQLError } from "graphql";
import { Prisma } from "../../generated/prisma/client.ts";
import { notFound, staleVersion } from "../graphql/errors.ts";
import type { Transaction } from "./audited-write.ts";

/** What every versioned row has: an id, and a version each change raises. */
export interface VersionedRow {
  id: string;
  version: number;
}

/** A row as the caller read it: which one, and at which version. */
export type VersionedTarget = VersionedRow;

/**
 * A table of versioned rows: besides `id` and `version`, each has an
 * `updated_at` column that every change sets. `Row` is what the table is
 * answered as; `columns` maps each of its fields to the column it is stored
 * in (the Prisma schema's `@map`), so a renamed field breaks the build.
 */
export interface VersionedTable<Row extends VersionedRow> {
  /** The entity's name in messages, e.g. `agency`. */
  name: string;
  /** The Postgres schema and table, e.g. `["agencies", "agency"]`. */
  table: readonly [schema: string, table: string];
  columns: { readonly [Field in keyof Row]-?: string };
  /**
   * Columns of a type the driver does not read as the row holds it (an
   * array of a Postgres enum comes back as text), with the SQL type to read
   * them as, e.g. `{ qualifiers: "text[]" }`.
   */
  readAs?: { readonly [Field in keyof Row]?: string };
}

/** New values for some of a row's fields; `id`, `version` and the timestamps are the helpers' own. */
export type Changes<Row> = Partial<Omit<Row, "id" | "version" | "createdAt" | "updatedAt">>;

/**
 * What a row must hold besides its version for a change to apply, e.g.
 * `{ status: "ACTIVE" }` to suspend a link. It is checked in the statement
 * that writes; `otherwise` says why a row at the right version failed it.
 */
export interface Precondition<Row> {
  holds: Changes<Row>;
  otherwise(current: Row): GraphQLError;
}

/**
 * Applies `changes` and raises the version only if the row is still at the
 * version the caller read (and holds `precondition`), in one statement that
 * answers the row before and after: of two racing writers exactly one wins.
 * Only when it changes nothing is the row read, once, to tell NOT_FOUND from
 * CONFLICT (with the current version) or the precondition's own error.
 */
export async function changeVersioned<Row extends VersionedRow>(
  tx: Transaction,
  rows: VersionedTable<Row>,
  target: VersionedTarget,
  changes: Changes<Row>,
  precondition?: Precondition<Row>,
): Promise<{ before: Row; after: Row }> {
  const changed = await tx.$queryRaw<(Row & { state: "before" | "after" })[]>`
    WITH "before" AS (
      SELECT * FROM ${table(rows)}
       WHERE "id" = ${target.id}::uuid AND "version" = ${target.version} ${conditions(rows, precondition?.holds ?? {})}
         FOR UPDATE
    ), "after" AS (
      UPDATE ${table(rows)} AS "row"
         SET ${assignments(rows, changes)} "version" = "row"."version" + 1, "updated_at" = now()
        FROM "before"
       WHERE "row"."id" = "before"."id"
      RETURNING "row".*
    )
    SELECT 'before' AS "state", ${fields(rows)} FROM "before"
    UNION ALL
    SELECT 'after', ${fields(rows)} FROM "after"`;
  const [before, after] = (["before", "after"] as const).map((state) => {
    const found = changed.find((row) => row.state === state);
    if (!found) return undefined;
    const { state: _state, ...row } = found;
    return row as unknown as Row;
  });
  if (!before || !after) throw await whyUnchanged(tx, rows, target, precondition);
  return { before, after };
}

/**
 * Deletes the row only if it is still at the version the caller read, in
 * one statement that answers it as it was: the outcome's `before`, with
 * `after` null. NOT_FOUND or CONFLICT as `changeVersioned` when it deletes
 * nothing.
 */
export async function deleteVersioned<Row extends VersionedRow>(
  tx: Transaction,
  rows: VersionedTable<Row>,
  target: VersionedTarget,
): Promise<{ before: Row; after: null }> {
  const [deleted] = await tx.$queryRaw<Row[]>`
    DELETE FROM ${table(rows)} WHERE "id" = ${target.id}::uuid AND "version" = ${target.version}
    RETURNING ${fields(rows)}`;
  if (!deleted) throw await whyUnchanged(tx, rows, target);
  return { before: deleted, after: null };
}

async function whyUnchanged<Row extends VersionedRow>(
  tx: Transaction,
  rows: VersionedTable<Row>,
  target: VersionedTarget,
  precondition?: Precondition<Row>,
): Promise<GraphQLError> {
  const [current] = await tx.$queryRaw<Row[]>`
    SELECT ${fields(rows)} FROM ${table(rows)} WHERE "id" = ${target.id}::uuid`;
  if (!current) return notFound(rows.name);
  if (current.version === target.version && precondition) return precondition.otherwise(current);
  return staleVersion(rows.name, current.version);
}

// The SQL below is put together from a table's description, which is code,
// never from input: every value a caller gives is a parameter.

function identifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function table({ table: [schema, name] }: VersionedTable<VersionedRow>): Prisma.Sql {
  return Prisma.raw(`${identifier(schema)}.${identifier(name)}`);
}

/** The table's columns under their field names, so a row comes back as `Row`. */
function fields<Row extends VersionedRow>({ columns, readAs = {} }: VersionedTable<Row>): Prisma.Sql {
  const types = readAs as Record<string, string | undefined>;
  return Prisma.raw(
    Object.entries<string>(columns)
      .map(([field, column]) => `${identifier(column)}${types[field] ? `::${types[field]}` : ""} AS ${identifier(field)}`)
      .join(", "),
  );
}

function column<Row extends VersionedRow>(rows: VersionedTable<Row>, field: string): Prisma.Sql {
  const name = (rows.columns as Record<string, string | undefined>)[field];
  if (!name) throw new Error(`${rows.name} has no field ${field}.`);
  return Prisma.raw(identifier(name));
}

function given<Row>(changes: Changes<Row>): [string, unknown][] {
  return Object.entries(changes).filter(([, value]) => value !== undefined);
}

/** `column = value, ` for each change, ready to precede the version's own. */
function assignments<Row extends VersionedRow>(rows: VersionedTable<Row>, changes: Changes<Row>): Prisma.Sql {
  const each = given(changes).map(([field, value]) => Prisma.sql`${column(rows, field)} = ${value}, `);
  return each.length ? Prisma.join(each, "") : Prisma.empty;
}

function conditions<Row extends VersionedRow>(rows: VersionedTable<Row>, holds: Changes<Row>): Prisma.Sql {
  const each = given(holds).map(([field, value]) =>
    value === null ? Prisma.sql` AND ${column(rows, field)} IS NULL` : Prisma.sql` AND ${column(rows, field)} = ${value}`,
  );
  return each.length ? Prisma.join(each, "") : Prisma.empty;
}
