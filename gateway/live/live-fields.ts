import type { ChangeEvent } from "../../platform/changes/change-event.ts";

/**
 * A subscription field the gateway serves from the change feed. Its payload
 * type has `sequence`, `action` and `version` (from the event), the changed
 * entity's id under `idField`, and the entity itself under `entityField`,
 * fetched through the supergraph by the root query field `query(id:)`.
 */
export interface LiveField {
  /** The GraphQL type the change feed names for the entities it reports. */
  entityType: string;
  /** The actions it reports; all of them when absent. */
  actions?: readonly string[];
  idField: string;
  entityField: string;
  /** A root query field taking `id: ID!` that answers the entity. */
  query: string;
  /** Whether a change concerns a subscriber who gave these arguments. */
  concerns(args: Readonly<Record<string, unknown>>, change: ChangeEvent): boolean;
}

/** Every Subscription field of the supergraph; a unit test checks this against the schema. */
export const liveFields: Readonly<Record<string, LiveField>> = {
  agencyChanged: {
    entityType: "Agency",
    idField: "agencyId",
    entityField: "agency",
    query: "agency",
    concerns: ({ id }, change) => id == null || sameId(id, change.entityId),
  },
  relationshipChanged: {
    entityType: "Relationship",
    idField: "relationshipId",
    entityField: "relationship",
    query: "relationship",
    concerns: ({ agency }, change) => agency == null || topicHas(change, "agencies", String(agency).toLowerCase()),
  },
  articlePublished: {
    entityType: "NewsArticle",
    actions: ["article.publish"],
    idField: "articleId",
    entityField: "article",
    query: "article",
    concerns: ({ agency, tag }, change) =>
      (agency == null || topicHas(change, "agencies", String(agency).toLowerCase())) &&
      (tag == null || topicHas(change, "tags", String(tag).trim().toLowerCase())),
  },
  threatLevelChanged: {
    entityType: "ThreatAssessment",
    idField: "assessmentId",
    entityField: "assessment",
    query: "threatAssessment",
    concerns: ({ scope }, change) => scope == null || change.topics.scope === scope,
  },
};

/** Whether `field` reports `change` at all, whoever asks. */
export function reports(field: LiveField, change: ChangeEvent): boolean {
  return change.entityType === field.entityType && (!field.actions || field.actions.includes(change.action));
}

function sameId(given: unknown, id: string): boolean {
  return String(given).toLowerCase() === id.toLowerCase();
}

function topicHas(change: ChangeEvent, topic: string, value: string): boolean {
  const values = change.topics[topic];
  return Array.isArray(values) ? values.includes(value) : values === value;
}
