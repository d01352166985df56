import type { ChangeFeed } from "../platform/changes/change-feed.ts";
import { LatestCommitted } from "../platform/changes/changes-through.ts";

/** The latest change committed when an operation first fetched from a subgraph, by the operation's context. */
export type ChangesThrough = (operationContext: object) => Promise<bigint>;

/**
 * Read-your-writes through subgraphs that answer from memory: each
 * operation reads the feed's latest committed sequence once, as its first
 * fetch goes out (one query shared with the operations asking meanwhile;
 * none for an answer from the response cache), and every fetch of it names
 * that sequence (CHANGES_THROUGH_HEADER) for the subgraph to catch up to.
 */
export function changesThroughPerOperation(feed: ChangeFeed): ChangesThrough {
  const latest = new LatestCommitted(() => feed.latestCommitted());
  const byOperation = new WeakMap<object, Promise<bigint>>();
  return (operationContext) => {
    let sequence = byOperation.get(operationContext);
    if (!sequence) byOperation.set(operationContext, (sequence = latest.sequence()));
    return sequence;
  };
}
