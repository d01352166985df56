/**
 * What subscribers filter an event by, e.g. `{ agencies: [from, to] }` for a
 * relationship or `{ scope: "NATIONAL" }` for a threat assessment.
 */
export type ChangeTopics = Readonly<Record<string, string | readonly string[]>>;

/** A change as a write records it, in the transaction that makes it. */
export interface NewChange {
  /** The GraphQL type of the changed entity, e.g. `Relationship`. */
  entityType: string;
  entityId: string;
  /** What was done, as the audit trail names it, e.g. `relationship.suspend`. */
  action: string;
  /** The entity's version after the change, where it has one. */
  version?: number | null;
  topics?: ChangeTopics;
}

/** A committed change, as the change feed delivers it. */
export interface ChangeEvent extends Required<NewChange> {
  /** Its place in the feed: later changes have larger sequences, in commit order. */
  sequence: bigint;
  at: Date;
}

/**
 * The response extension in which a subgraph that answers from memory kept
 * fresh by the feed says how far that memory reflects the feed: every
 * change up to this sequence (as a string). A cache of its answers must not
 * take one as reflecting anything later.
 */
export const CHANGES_APPLIED_EXTENSION = "changesApplied";
