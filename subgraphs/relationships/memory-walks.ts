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
 * none joins them: the path the SQL walk answers, in which each agency is
 * reached through its link with the smallest id from any agency one step
 * nearer `from`.
 *
 * Searching from `from` alone would visit nearly every agency of a large
 * directory before reaching one five links away, so it searches from both
 * ends, a whole step at a time on the side with fewer agencies to step
 * from, until the two meet. Then the length is known, and so, step by
 * step, which agencies lie on some shortest path; the path is read back
 * from `to` choosing, at each agency, the smallest link to one of them a
 * step nearer `from`. Every agency one link away and a step nearer `from`
 * lies on a shortest path too, so these are the links the SQL walk chooses
 * among.
 */
export function shortestPathBetween(
  links: LinksByAgency,
  from: string,
  to: string,
  status: RelationshipStatus | null,
): RelationshipRow[] | null {
  if (from === to) return [];
  const walked = (link: RelationshipRow) => !status || link.status === status;
  const forward = new Map<string, number>([[from, 0]]);
  const backward = new Map<string, number>([[to, 0]]);
  let forwardFrontier = [from];
  let backwardFrontier = [to];
  let met = false;
  while (!met) {
    const stepForward = forwardFrontier.length <= backwardFrontier.length;
    const [frontier, steps, other] = stepForward ? [forwardFrontier, forward, backward] : [backwardFrontier, backward, forward];
    const next: string[] = [];
    const distance = steps.get(frontier[0]!)! + 1;
    for (const agency of frontier) {
      for (const link of links.linksOf(agency)) {
        if (!walked(link)) continue;
        const reached = otherEnd(link, agency);
        if (steps.has(reached)) continue;
        steps.set(reached, distance);
        next.push(reached);
        if (other.has(reached)) met = true;
      }
    }
    if (next.length === 0) return null;
    if (stepForward) forwardFrontier = next;
    else backwardFrontier = next;
  }

  // Both searches went whole steps, so the path's length is their two radii.
  const forwardRadius = forward.get(forwardFrontier[0]!)!;
  const length = forwardRadius + backward.get(backwardFrontier[0]!)!;
  // onPath[j]: the agencies j steps from `from` on some shortest path, for the steps the forward search did not reach.
  const onPath: Set<string>[] = [];
  onPath[forwardRadius] = new Set(forwardFrontier.filter((agency) => backward.get(agency) === length - forwardRadius));
  for (let step = forwardRadius + 1; step < length; step++) {
    const layer = new Set<string>();
    for (const agency of onPath[step - 1]!) {
      for (const link of links.linksOf(agency)) {
        const reached = otherEnd(link, agency);
        if (walked(link) && backward.get(reached) === length - step) layer.add(reached);
      }
    }
    onPath[step] = layer;
  }
  const nearer = (agency: string, step: number) =>
    step <= forwardRadius ? forward.get(agency) === step : onPath[step]!.has(agency);

  const path: RelationshipRow[] = [];
  let at = to;
  for (let step = length - 1; step >= 0; step--) {
    let chosen: RelationshipRow | undefined;
    for (const link of links.linksOf(at)) {
      if (walked(link) && nearer(otherEnd(link, at), step) && (!chosen || link.id < chosen.id)) chosen = link;
    }
    path.push(chosen!);
    at = otherEnd(chosen!, at);
  }
  return path.reverse();
}

function otherEnd(link: RelationshipRow, agencyId: string): string {
  return link.fromAgencyId === agencyId ? link.toAgencyId : link.fromAgencyId;
}

function byId(a: RelationshipRow, b: RelationshipRow): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
