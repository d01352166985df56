/**
 * How long each list of the API schema runs, which the gateway prices an
 * operation by (gateway/cost/). Apollo Gateway refuses supergraphs that
 * link federation's `@listSize`, so the sizes live here, beside the SDL,
 * keyed by `Type.field` and grouped by the subgraph that answers the list.
 * test/unit/list-sizes.test.ts fails when a list of the schema is missing.
 *
 * `typical` is what the gateway expects a list to hold, `max` the most it
 * may: an operation is refused when its typical result is over the cost
 * limit, and is heavy, taking turns with other heavy ones, when its largest
 * possible result is over the heavy threshold (gateway/operation-limits.ts).
 */
export type ListSize =
  /** As many items as the data holds. */
  | { readonly kind: "data"; readonly typical: number; readonly max: number }
  /**
   * A page: as many items as `first` or `last` asks, `typical` when neither
   * is given, never more than `max`. The arguments are the list field's own,
   * or for a connection's `edges` those of the field answering the connection.
   */
  | { readonly kind: "page"; readonly arguments: "field" | "connection"; readonly typical: number; readonly max: number }
  /**
   * A graph walk's agencies or links: `perStep` times as many for each step of
   * the `depth` argument of the field answering the graph, never more than `max`.
   */
  | { readonly kind: "walk"; readonly perStep: number; readonly max: number };

const data = (typical: number, max: number): ListSize => ({ kind: "data", typical, max });
const connectionPage: ListSize = { kind: "page", arguments: "connection", typical: 20, max: 100 };

export const LIST_SIZES = {
  agencies: {
    "Agency.aliases": data(2, 20),
    "AgencyConnection.edges": connectionPage,
  },
  relationships: {
    // MI5, the directory's hub, has eighteen partners; generated directories
    // about ten links an agency.
    "Agency.relationships": data(20, 1_000),
    "Agency.partners": data(20, 1_000),
    "AgencyGraph.nodes": { kind: "walk", perStep: 10, max: 2_000 },
    "AgencyGraph.edges": { kind: "walk", perStep: 12, max: 4_000 },
    "Relationship.qualifiers": data(1, 5),
    "RelationshipConnection.edges": connectionPage,
    "Query.shortestPath": data(4, 100),
  },
  news: {
    "Agency.news": { kind: "page", arguments: "field", typical: 5, max: 100 },
    "NewsArticle.tags": data(3, 20),
    "NewsArticle.mentions": data(3, 50),
    "NewsConnection.edges": connectionPage,
    "Query.factOrFiction": data(5, 100),
  },
  threat: {
    "Query.threatLevels": data(5, 5),
    "Query.emergencyContacts": data(2, 10),
    "ThreatAssessmentConnection.edges": connectionPage,
  },
  audit: {
    "AuditEntry.actorRoles": data(1, 3),
    "AuditEntryConnection.edges": connectionPage,
  },
} satisfies Record<string, Record<`${string}.${string}`, ListSize>>;

/** Every declared list, by `Type.field`. */
export const LIST_SIZE_OF: ReadonlyMap<string, ListSize> = new Map(
  Object.values(LIST_SIZES).flatMap((lists) => Object.entries(lists)),
);
