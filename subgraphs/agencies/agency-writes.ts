import type { Agency, AgencyKind, Jurisdiction } from "../../generated/prisma/client.ts";
import type { ConstraintErrors } from "../../platform/database/errors.ts";
import { ErrorCode } from "../../platform/graphql/error-codes.ts";
import { badUserInput } from "../../platform/graphql/errors.ts";
import * as check from "../../platform/graphql/validation.ts";
import type { Writer } from "../../platform/writes/audited-write.ts";
import { versionedWrites, type VersionedInput } from "../../platform/writes/entity-writes.ts";

export interface CreateAgency {
  slug: string;
  name: string;
  shortName?: string | null;
  kind: AgencyKind;
  jurisdiction: Jurisdiction;
  description: string;
  idempotencyKey?: string | null;
}

export interface UpdateAgency {
  id: string;
  version: number;
  slug?: string | null;
  name?: string | null;
  shortName?: string | null;
  kind?: AgencyKind | null;
  jurisdiction?: Jurisdiction | null;
  description?: string | null;
  idempotencyKey?: string | null;
}

export type ArchiveAgency = VersionedInput;

const NAME_LENGTH = 200;
const SHORT_NAME_LENGTH = 32;
const DESCRIPTION_LENGTH = 2000;

/** What the agencies' constraints (see prisma/migrations) mean to a client. */
export const constraintErrors: ConstraintErrors = {
  agency_slug_key: { code: ErrorCode.BAD_USER_INPUT, argument: "input.slug", message: "Another agency already has this slug." },
};

const agencies = versionedWrites<Agency>({
  name: "agency",
  entityType: "Agency",
  table: ["agencies", "agency"],
  columns: {
    id: "id",
    slug: "slug",
    name: "name",
    shortName: "short_name",
    kind: "kind",
    jurisdiction: "jurisdiction",
    description: "description",
    version: "version",
    archivedAt: "archived_at",
    createdAt: "created_at",
    updatedAt: "updated_at",
    sourceDocument: "source_document",
    sourceSection: "source_section",
    sourceQuote: "source_quote",
    sourced: "sourced",
  },
  dates: { archivedAt: true, createdAt: true, updatedAt: true },
  constraints: constraintErrors,
});

export function createAgency(writer: Writer, input: CreateAgency): Promise<Agency> {
  const data = {
    slug: check.slug(input.slug, "input.slug"),
    name: check.requiredText(input.name, "input.name", NAME_LENGTH),
    shortName: check.optionalText(input.shortName, "input.shortName", SHORT_NAME_LENGTH) ?? null,
    kind: input.kind,
    jurisdiction: input.jurisdiction,
    description: check.requiredText(input.description, "input.description", DESCRIPTION_LENGTH),
  };
  return agencies.create(writer, "create", input, (tx) => tx.agency.create({ data }));
}

export function updateAgency(writer: Writer, input: UpdateAgency): Promise<Agency> {
  return agencies.change(writer, "update", input, {
    ...(input.slug != null && { slug: check.slug(input.slug, "input.slug") }),
    ...(input.name != null && { name: check.requiredText(input.name, "input.name", NAME_LENGTH) }),
    ...(input.shortName !== undefined && {
      shortName: check.optionalText(input.shortName, "input.shortName", SHORT_NAME_LENGTH),
    }),
    ...(input.kind != null && { kind: input.kind }),
    ...(input.jurisdiction != null && { jurisdiction: input.jurisdiction }),
    ...(input.description != null && {
      description: check.requiredText(input.description, "input.description", DESCRIPTION_LENGTH),
    }),
  });
}

export function archiveAgency(writer: Writer, input: ArchiveAgency): Promise<Agency> {
  return agencies.change(writer, "archive", input, { archivedAt: new Date() }, {
    holds: { archivedAt: null },
    otherwise: () => badUserInput("This agency is already archived.", "input.id"),
  });
}
