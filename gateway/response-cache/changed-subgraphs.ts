import type { ChangeEvent } from "../../platform/changes/change-event.ts";

/**
 * The subgraph whose data a change of each entity type alters. Each subgraph
 * reads only its own Postgres schema, and every write to that schema goes
 * through `auditedWrite`, which records the change on the feed in the same
 * transaction: so a subgraph's answers can differ only after a change of
 * one of its types. A subgraph named nowhere here is never cached.
 */
export const SUBGRAPH_OF_ENTITY: Readonly<Record<string, string>> = {
  Agency: "agencies",
  Relationship: "relationships",
  NewsArticle: "news",
  ThreatAssessment: "threat",
};

/** Subgraphs that read the audit trail, which every change adds an entry to. */
export const AUDIT_TRAIL_SUBGRAPHS: readonly string[] = ["audit"];

/** Every subgraph whose answers the response cache may keep. */
export const CACHEABLE_SUBGRAPHS: ReadonlySet<string> = new Set([
  ...Object.values(SUBGRAPH_OF_ENTITY),
  ...AUDIT_TRAIL_SUBGRAPHS,
]);

/** The subgraphs whose answers `change` may have altered; every one for a type this file does not know. */
export function subgraphsChangedBy(change: Pick<ChangeEvent, "entityType">): readonly string[] {
  const owner = SUBGRAPH_OF_ENTITY[change.entityType];
  return owner ? [owner, ...AUDIT_TRAIL_SUBGRAPHS] : [...CACHEABLE_SUBGRAPHS];
}
