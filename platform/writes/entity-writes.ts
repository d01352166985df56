import * as check from "../graphql/validation.ts";
import { provenanceOfChange, sourceColumns, type SourcedColumns } from "../provenance.ts";
import { auditedWrite, type AuditedEntity, type KeyedInput, type Transaction, type WriteOutcome, type Writer } from "./audited-write.ts";
import type { Citation } from "../../source/citations.ts";
import {
  changeVersioned,
  deleteVersioned,
  type Changes,
  type Precondition,
  type VersionedRow,
  type VersionedTable,
  type VersionedTarget,
} from "./versioned.ts";

/** An entity kept in a table of versioned rows, described once for all its writes. */
export interface VersionedEntity<Row extends VersionedRow & SourcedColumns> extends AuditedEntity<Row>, VersionedTable<Row> {
  /**
   * The fields whose values a source states (see `provenanceOfChange`): a
   * change to one of them without a source leaves the row unsourced.
   */
  facts: readonly (keyof Changes<Row>)[];
}

/** The input of a write to one row: which row, the version the caller read, and a key. */
export interface VersionedInput extends KeyedInput {
  id: string;
  version: number;
}

/**
 * The writes of one versioned entity, each audited and keyed: a mutation
 * names its verb (`agency` and `update` make the action `agency.update`),
 * passes its input and states only what is its own.
 */
export function versionedWrites<Row extends VersionedRow & SourcedColumns>(entity: VersionedEntity<Row>) {
  return {
    entity,

    /** A write of its own kind: `apply` runs in the transaction that records the audit entry. */
    write<Input extends KeyedInput>(
      writer: Writer,
      verb: string,
      input: Input,
      apply: (tx: Transaction, source: Citation | null) => Promise<WriteOutcome<Row>>,
    ) {
      return auditedWrite(writer, entity, verb, input, apply);
    },

    /**
     * Inserts a row with `insert`, which stores `provenance` with it: the
     * source the input gives, or none. A unique or foreign key it breaks is
     * answered from `entity.constraints`.
     */
    create<Input extends KeyedInput>(
      writer: Writer,
      verb: string,
      input: Input,
      insert: (tx: Transaction, provenance: SourcedColumns) => Promise<Row>,
    ) {
      return auditedWrite(writer, entity, verb, input, async (tx, source) => ({
        before: null,
        after: await insert(tx, sourceColumns(source)),
      }));
    },

    /**
     * Changes the row the input names at the version it names (see
     * `changeVersioned`), and its provenance as `provenanceOfChange` says.
     */
    change<Input extends VersionedInput>(writer: Writer, verb: string, input: Input, changes: Changes<Row>, precondition?: Precondition<Row>) {
      const target = versionedTarget(input);
      return auditedWrite(writer, entity, verb, { ...input, ...target }, (tx, source) =>
        changeVersioned(tx, entity, target, { ...changes, ...provenanceOfChange(source, changes, entity.facts) }, precondition),
      );
    },

    /** Deletes the row the input names at the version it names, answering it as it was. */
    remove<Input extends VersionedInput>(writer: Writer, verb: string, input: Input) {
      const target = versionedTarget(input);
      return auditedWrite(writer, entity, verb, { ...input, ...target }, (tx) => deleteVersioned(tx, entity, target));
    },
  };
}

/** The row a write's input names, its id taken as every id argument is. */
export function versionedTarget({ id, version }: VersionedInput): VersionedTarget {
  return { id: check.entityId(id, "input.id"), version };
}
