import type { AuditEntry } from "../../generated/prisma/client.ts";
import type { Connection } from "../../platform/graphql/pagination.ts";

export type AuditEntryModel = AuditEntry;
export type AuditEntryConnectionModel = Connection<AuditEntry>;
