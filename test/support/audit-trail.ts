import { dataOf } from "./responses.ts";
import type { TestSupergraph } from "./test-supergraph.ts";

const AUDIT_TRAIL = /* GraphQL */ `
  query AuditTrail($entityId: ID, $entityType: String, $actor: String, $since: DateTime, $until: DateTime) {
    auditTrail(entityId: $entityId, entityType: $entityType, actor: $actor, since: $since, until: $until, first: 100) {
      totalCount
      edges { node { actor actorRoles action entityType entityId before after at source { document section quote } } }
    }
  }
`;

export interface AuditFilter {
  entityId?: string;
  entityType?: string;
  actor?: string;
  since?: string;
  until?: string;
}

export interface AuditEntryView {
  actor: string;
  actorRoles: string[];
  action: string;
  entityType: string;
  entityId: string;
  before: any;
  after: any;
  at: string;
  /** The source the write gave, or null. */
  source: { document: string; section: string | null; quote: string } | null;
}

/** The audit trail as an admin reads it through the gateway, filtered; its entries oldest first. */
export async function auditOf(
  liaison: TestSupergraph,
  filter: AuditFilter,
): Promise<{ totalCount: number; entries: AuditEntryView[] }> {
  const token = await liaison.tokenFor("admin", "audit-reader");
  const trail = dataOf(await liaison.query(AUDIT_TRAIL, { ...filter }, { token }), "auditTrail");
  return { totalCount: trail.totalCount, entries: trail.edges.map((edge: any) => edge.node).reverse() };
}
