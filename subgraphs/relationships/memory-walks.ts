import type { RelationshipStatus } from "../../generated/prisma/client.ts";
import type { LinksByAgency } from "./adjacency-index.ts";
import type { Neighbourhood } from "./graph-store.ts";
import type { AgencyLinksFilter, RelationshipRow } from "./relationship-store.ts";

/**
 * The walks of graph-store.ts, and an agency's links as relationship-store.ts
 * reads them, answered from links held in memory: the same breadth-first
 * searches over links taken as undirected, with the same answers in the
 * same order. Ids compare as strings, which for lower-case UUIDs is
 * Postgres's order of uuid values.
 */

/** `agencyId`'s links that match `filter`, in recorded order, as `findRelationshipsOfAgencies` answers them. */
export function linksOfAgency(links: LinksByAgency, agencyId: string, { kind, status, direction }: AgencyLinksFilter): RelationshipRow[] {
  const outgoing = direction !== "INCOMING";
  const incoming = direction !== "OUTGOING";
  return links.linksOf(agencyId).filter(
    (link) =>
      ((outgoing && link.fromAgencyId === agencyId) || (incoming && link.toAgencyId === agencyId)) &&
      (!kind || link.kind === kind) &&
      (!status || link.status === status),
  );
}

/** `agencyId`'s neighbourhood to `depth`: itself, then each step's new agencies in id order; the links among them in id order. */
export function neighbourhoodOf(
  links: LinksByAgency,
  agencyId: string,
  depth: number,
  status: RelationshipStatus | null,
): Neighbourhood {
  const visited = new Set([agencyId]);
  const nodeIds = [agencyId];
  let frontier = [agencyId];
  for (let step = 0; step < depth && frontier.length > 0; step++) {
    const reached = new Set<string>();
    for (const agency of frontier) {
      for (const link of links.linksOf(agency)) {
        if (status && link.status !== status) continue;
        const other = otherEnd(link, agency);
        if (!visited.has(other)) reached.add(other);
      }
    }
    frontier = [...reached].sort();
    for (const id of frontier) {
      visited.add(id);
      nodeIds.push(id);
    }
  }
  const edges: RelationshipRow[] = [];
  for (const agency of nodeIds) {
    for (const link of links.linksOf(agency)) {
      // Each link once: from the agency it starts at.
      if (link.fromAgencyId === agency && visited.has(link.toAgencyId) && (!status || link.status === status)) {
        edges.push(link);
      }
    }
  }
  edges.sort(byId);
  return { nodeIds, edges };
}

/**
 * The links of a shortest path from `from` to `to`, in order, or null when
 * none joins them. Each agency is reached through the link with the
 * smallest id from any agency of the step before, as the SQL walk does.
 * Before each step it looks whether `to` is one link from the agencies
 * last reached, so the last and largest step is never taken.
 */
export function shortestPathBetween(
  links: LinksByAgency,
  from: string,
  to: string,
  status: RelationshipStatus | null,
): RelationshipRow[] | null {
  if (from === to) return [];
  if (!links.linksOf(to).some((link) => !status || link.status === status)) return null;
  const stepOf = new Map<string, number>([[from, 0]]);
  const reachedBy = new Map<string, { link: RelationshipRow; previous: string }>();
  let frontier = [from];
  for (let step = 0; frontier.length > 0; step++) {
    let last: { link: RelationshipRow; previous: string } | undefined;
    for (const link of links.linksOf(to)) {
      if (status && link.status !== status) continue;
      const other = otherEnd(link, to);
      if (stepOf.get(other) === step && (!last || link.id < last.link.id)) last = { link, previous: other };
    }
    if (last) {
      reachedBy.set(to, last);
      return pathBack(reachedBy, from, to);
    }
    const next = new Map<string, { link: RelationshipRow; previous: string }>();
    for (const agency of frontier) {
      for (const link of links.linksOf(agency)) {
        if (status && link.status !== status) continue;
        const other = otherEnd(link, agency);
        if (stepOf.has(other)) continue;
        const best = next.get(other);
        if (!best || link.id < best.link.id) next.set(other, { link, previous: agency });
      }
    }
    frontier = [...next.keys()];
    for (const [agency, how] of next) {
      stepOf.set(agency, step + 1);
      reachedBy.set(agency, how);
    }
  }
  return null;
}

function pathBack(reachedBy: Map<string, { link: RelationshipRow; previous: string }>, from: string, to: string): RelationshipRow[] {
  const path: RelationshipRow[] = [];
  for (let at = to; at !== from; ) {
    const { link, previous } = reachedBy.get(at)!;
    path.push(link);
    at = previous;
  }
  return path.reverse();
}

function otherEnd(link: RelationshipRow, agencyId: string): string {
  return link.fromAgencyId === agencyId ? link.toAgencyId : link.fromAgencyId;
}

function byId(a: RelationshipRow, b: RelationshipRow): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
