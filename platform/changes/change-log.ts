import pg from "pg";
import type { PrismaClient } from "../database/prisma.ts";
import type { ChangeEvent, ChangeTopics } from "./change-event.ts";

/** Runs one SQL statement with positional parameters and answers its rows. */
export type QueryRows = (sql: string, values: unknown[]) => Promise<Record<string, unknown>[]>;

/** The recorded changes, as the change feed reads them. */
export interface ChangeLog {
  /** Up to `limit` changes after sequence `after`, in sequence order. */
  readAfter(after: bigint, limit: number): Promise<ChangeEvent[]>;
  /** The last sequence recorded; 0 when there is none. */
  latestSequence(): Promise<bigint>;
  /** Whether the change with this sequence is recorded (and not pruned yet). */
  holds(sequence: bigint): Promise<boolean>;
  /** Deletes the changes recorded before `before`; answers how many. */
  prune(before: Date): Promise<number>;
}

// The sequence travels as text (pg hands int8 over as a string, Prisma as a
// bigint); ORDER BY must name the column itself, not this text alias.
const COLUMNS = "event.sequence::text AS sequence, at, entity_type, entity_id::text AS entity_id, action, version, topics";

export function changeLog(query: QueryRows): ChangeLog {
  return {
    async readAfter(after, limit) {
      const rows = await query(
        `SELECT ${COLUMNS} FROM audit.change_event AS event
          WHERE event.sequence > $1::bigint ORDER BY event.sequence LIMIT $2`,
        [after.toString(), limit],
      );
      return rows.map(toEvent);
    },
    async latestSequence() {
      const [row] = await query("SELECT coalesce(max(sequence), 0)::text AS sequence FROM audit.change_event", []);
      return BigInt(String(row?.sequence ?? 0));
    },
    async holds(sequence) {
      const rows = await query("SELECT 1 FROM audit.change_event WHERE sequence = $1::bigint", [sequence.toString()]);
      return rows.length > 0;
    },
    async prune(before) {
      const rows = await query(
        "WITH gone AS (DELETE FROM audit.change_event WHERE at < $1 RETURNING 1) SELECT count(*)::int AS count FROM gone",
        [before],
      );
      return Number(rows[0]?.count ?? 0);
    },
  };
}

function toEvent(row: Record<string, unknown>): ChangeEvent {
  return {
    sequence: BigInt(String(row.sequence)),
    at: row.at instanceof Date ? row.at : new Date(String(row.at)),
    entityType: String(row.entity_type),
    entityId: String(row.entity_id),
    action: String(row.action),
    version: row.version === null || row.version === undefined ? null : Number(row.version),
    topics: (typeof row.topics === "string" ? JSON.parse(row.topics) : row.topics) as ChangeTopics,
  };
}

/** The change log read through a Prisma client's pool. */
export function prismaChangeLog(prisma: PrismaClient): ChangeLog {
  return changeLog((sql, values) => prisma.$queryRawUnsafe(sql, ...values));
}

/** A change log read over a small pool of its own, for a process without a Prisma client (the gateway on its own). */
export function pooledChangeLog(databaseUrl: string): { log: ChangeLog; close(): Promise<void> } {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on("error", () => undefined);
  return {
    log: changeLog(async (sql, values) => (await pool.query(sql, values)).rows),
    close: () => pool.end(),
  };
}
