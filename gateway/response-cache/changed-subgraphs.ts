import type { ChangeEvent } from "../../platform/changes/change-event.ts";
import invalidation from "./cache-invalidation.json" with { type: "json" };

// Written by `npm run compose` from each registry entry's
// `cachedUntilChangeOf` (supergraph/registry.ts). Each subgraph reads only
// its own Postgres schema, and every write to that schema goes through
// `auditedWrite`, which records the change on the feed in the same
// transaction: so a subgraph's answers can differ only after a change of
// one of the types it names. A subgraph named nowhere is never cached.
const { cacheable, changedBy }: { cacheable: string[]; changedBy: Record<string, string[]> } = invalidation;

/** Every subgraph whose answers the response cache may keep. */
export const CACHEABLE_SUBGRAPHS: ReadonlySet<string> = new Set(cacheable);

/** The subgraphs whose answers `change` may have altered; every cacheable one for a type no subgraph names. */
export function subgraphsChangedBy(change: Pick<ChangeEvent, "entityType">): readonly string[] {
  return changedBy[change.entityType] ?? cacheable;
}
