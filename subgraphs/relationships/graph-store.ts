import { Prisma, type RelationshipStatus } from "../../generated/prisma/client.ts";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import type { RelationshipRow } from "./relationship-store.ts";

/**
 * Graph walks over the relationships, computed in Postgres by recursive
 * queries so that only the answer, never the graph, reaches this process.
 * The subgraph answers walks from its adjacency index (adjacency-index.ts,
 * memory-walks.ts) while one runs; these are the fallback and the reference
 * the index's answers are tested against.
 *
 * Both walks are breadth-first searches that treat every link as undirected.
 * Each step of the recursion carries the whole frontier (the agencies first
 * reached at that distance) and every agency visited so far, and moves only
 * to agencies not yet visited: that is the cycle protection, and it visits
 * each agency at most once, so a walk costs about as many index look-ups as
 * it reaches agencies, however many cycles or parallel links there are.
 *
 * Membership of the visited set is tested with NOT EXISTS over unnest(),
 * which Postgres runs as a hash anti-join; `<> ALL (visited)` compares each
 * candidate with every visited agency in turn and made a walk over 10,000
 * agencies 25 times slower.
 */

/** How far `Agency.neighbourhood` may reach; documented in the SDL. */
export const MAX_NEIGHBOURHOOD_DEPTH = 3;

export interface Neighbourhood {
  /** Agency ids, nearest first; the agency itself comes first. */
  nodeIds: string[];
  /** Every link of the walked status between two of the agencies, in recorded order. */
  edges: RelationshipRow[];
}

/** Each agency's neighbourhood, in the order of `agencyIds`; one statement for them all. */
export async function findNeighbourhoods(
  prisma: PrismaClient,
  agencyIds: readonly string[],
  depth: number,
  status: RelationshipStatus | null,
): Promise<Neighbourhood[]> {
  const rows = await prisma.$queryRaw<NeighbourhoodRow[]>`
    WITH RECURSIVE walk (root, depth, frontier, visited) AS (
      SELECT root, 0, ARRAY[root], ARRAY[root]
        FROM unnest(${[...agencyIds]}::uuid[]) AS root
      UNION ALL
      SELECT walk.root, walk.depth + 1, step.reached, walk.visited || step.reached
        FROM walk
        CROSS JOIN LATERAL (
          SELECT array_agg(DISTINCT next.agency_id ORDER BY next.agency_id) AS reached
            FROM (${neighboursOf(Prisma.sql`walk.frontier`, status)}) AS next
           WHERE NOT EXISTS (SELECT FROM unnest(walk.visited) AS seen (id) WHERE seen.id = next.agency_id)
        ) AS step
       WHERE walk.depth < ${depth} AND step.reached IS NOT NULL
    ),
    reached AS (
      SELECT DISTINCT ON (root) root, visited FROM walk ORDER BY root, depth DESC
    )
    -- One row per agency: its neighbourhood's ids once, and its links as JSON.
    SELECT reached.root, reached.visited AS node_ids, (
      SELECT coalesce(json_agg(${edgeJson} ORDER BY link.id), '[]')
        FROM relationships.relationship AS link
       WHERE link.from_agency_id = ANY (reached.visited)
         AND link.to_agency_id IN (SELECT unnest(reached.visited))
         ${statusIs(status)}
    ) AS edges
      FROM reached`;

  // The walk answers every agency asked about, if only with itself.
  const byRoot = new Map(rows.map((row) => [row.root, { nodeIds: row.node_ids, edges: row.edges }]));
  return agencyIds.map((id) => byRoot.get(id)!);
}

/**
 * The links of a shortest path from agency `from` to agency `to` (ids taken
 * with `entityId`), in order, or null when none joins them. Ties between
 * equally short paths are broken the same way every time: each agency is
 * reached through its earliest recorded link from the previous step.
 */
export async function findShortestPath(
  prisma: PrismaClient,
  from: string,
  to: string,
  status: RelationshipStatus | null,
): Promise<RelationshipRow[] | null> {
  if (from === to) return [];
  const [{ edges }] = await prisma.$queryRaw<[{ edges: RelationshipRow[] | null }]>`
    WITH RECURSIVE walk (frontier, via, previous, visited) AS (
      SELECT ARRAY[${from}::uuid], ARRAY[NULL::uuid], ARRAY[NULL::uuid], ARRAY[${from}::uuid]
      UNION ALL
      SELECT step.reached, step.via, step.previous, walk.visited || step.reached
        FROM walk
        CROSS JOIN LATERAL (
          SELECT array_agg(first.agency_id ORDER BY first.agency_id) AS reached,
                 array_agg(first.link_id ORDER BY first.agency_id) AS via,
                 array_agg(first.previous ORDER BY first.agency_id) AS previous
            FROM (
              SELECT DISTINCT ON (next.agency_id) next.agency_id, next.link_id, next.previous
                FROM (${neighboursOf(Prisma.sql`walk.frontier`, status)}) AS next
               WHERE NOT EXISTS (SELECT FROM unnest(walk.visited) AS seen (id) WHERE seen.id = next.agency_id)
               ORDER BY next.agency_id, next.link_id
            ) AS first
        ) AS step
       WHERE step.reached IS NOT NULL AND ${to}::uuid <> ALL (walk.visited)
    ),
    -- How the walk first reached each agency: one row per agency.
    reached_by AS (
      SELECT reached.agency_id, reached.link_id, reached.previous
        FROM walk, unnest(walk.frontier, walk.via, walk.previous) AS reached (agency_id, link_id, previous)
    ),
    -- Back from the agency sought to the start, one link a step.
    path (agency_id, link_id, previous, steps_back) AS (
      SELECT agency_id, link_id, previous, 0 FROM reached_by WHERE agency_id = ${to}::uuid
      UNION ALL
      SELECT reached_by.agency_id, reached_by.link_id, reached_by.previous, path.steps_back + 1
        FROM path JOIN reached_by ON reached_by.agency_id = path.previous
    )
    SELECT json_agg(${edgeJson} ORDER BY path.steps_back DESC) AS edges
      FROM path JOIN relationships.relationship AS link ON link.id = path.link_id`;
  return edges;
}

// The agencies one link away from any in `frontier`, with the link and the
// agency it was reached from; each index of the relationship table serves
// one direction.
function neighboursOf(frontier: Prisma.Sql, status: RelationshipStatus | null): Prisma.Sql {
  return Prisma.sql`
    SELECT link.to_agency_id AS agency_id, link.id AS link_id, link.from_agency_id AS previous
      FROM relationships.relationship AS link
     WHERE link.from_agency_id = ANY (${frontier}) ${statusIs(status)}
    UNION ALL
    SELECT link.from_agency_id, link.id, link.to_agency_id
      FROM relationships.relationship AS link
     WHERE link.to_agency_id = ANY (${frontier}) ${statusIs(status)}`;
}

function statusIs(status: RelationshipStatus | null): Prisma.Sql {
  return status
    ? Prisma.sql`AND link.status = ${status}::relationships."RelationshipStatus"`
    : Prisma.empty;
}

// A relationship as JSON in the shape of a RelationshipRow, so that a walk's
// links reach this process in one value per walk rather than a row each.
const edgeJson = Prisma.sql`json_build_object(
  'id', link.id, 'fromAgencyId', link.from_agency_id, 'toAgencyId', link.to_agency_id,
  'kind', link.kind, 'closeness', link.closeness, 'mutual', link.mutual,
  'status', link.status, 'since', link.since, 'description', link.description,
  'suspensionReason', link.suspension_reason, 'version', link.version,
  'qualifiers', link.qualifiers, 'sourceDocument', link.source_document,
  'sourceSection', link.source_section, 'sourceQuote', link.source_quote, 'sourced', link.sourced)`;

interface NeighbourhoodRow {
  root: string;
  node_ids: string[];
  edges: RelationshipRow[];
}
