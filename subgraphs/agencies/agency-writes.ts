import type { Agency, AgencyKind, Jurisdiction } from "../../generated/prisma/client.ts";
import type { ConstraintErrors } from "../../platform/database/errors.ts";
import { ErrorCode } from "../../platform/graphql/error-codes.ts";
import { badUserInput } from "../../platform/graphql/errors.ts";
import * as check from "../../platform/graphql/validation.ts";
import { SOURCED_COLUMN_NAMES } from "../../platform/provenance.ts";
import type { KeyedInput, Writer } from "../../platform/writes/audited-write.ts";
import { versionedWrites, type VersionedInput } from "../../platform/writes/entity-writes.ts";

export interface CreateAgency extends KeyedInput {
  slug: string;
  name: string;
  shortName?: string | null;
  kind: AgencyKind;
  jurisdiction?: Jurisdiction | null;
  description?: string | null;
}

export interface UpdateAgency extends VersionedInput {
  slug?: string | null;
  name?: string | null;
  shortName?: string | null;
  kind?: AgencyKind | null;
  jurisdiction?: Jurisdiction | null;
  description?: string | null;
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
    ...SOURCED_COLUMN_NAMES,
  },
  dates: { archivedAt: true, createdAt: true, updatedAt: true },
  constraints: constraintErrors,
  facts: ["name", "shortName", "kind", "jurisdiction", "description"],
});

export function createAgency(writer: Writer, input: CreateAgency): Promise<Agency> {
  const data = {
    slug: check.slug(input.slug, "input.slug"),
    name: check.requiredText(input.name, "input.name", NAME_LENGTH),
    shortName: check.optionalText(input.shortName, "input.shortName", SHORT_NAME_LENGTH) ?? null,
    kind: input.kind,
    jurisdiction: input.jurisdiction ?? null,
    description: check.optionalText(input.description, "input.description", DESCRIPTION_LENGTH) ?? null,
  };
  return agencies.create(writer, "create", input, (tx, provenance) => tx.agency.create({ data: { ...data, ...provenance } }));
}

/**
 * Changes the fields given. A field left out stays as it is; null clears
 * `shortName`, `jurisdiction` and `description` (what no source gives is
 * null) and leaves the others. The agency's source changes as
 * `provenanceOfChange` says.
 */
export function updateAgency(writer: Writer, input: UpdateAgency): Promise<Agency> {
  return agencies.change(writer, "update", input, {
    ...(input.slug != null && { slug: check.slug(input.slug, "input.slug") }),
    ...(input.name != null && { name: check.requiredText(input.name, "input.name", NAME_LENGTH) }),
    ...(input.shortName !== undefined && {
      shortName: check.optionalText(input.shortName, "input.shortName", SHORT_NAME_LENGTH),
    }),
    ...(input.kind != null && { kind: input.kind }),
    ...(input.jurisdiction !== undefined && { jurisdiction: input.jurisdiction }),
    ...(input.description !== undefined && {
      description: check.optionalText(input.description, "input.description", DESCRIPTION_LENGTH),
    }),
  });
}

export function archiveAgency(writer: Writer, input: ArchiveAgency): Promise<Agency> {
  return agencies.change(writer, "archive", input, { archivedAt: new Date() }, {
    holds: { archivedAt: null },
    otherwise: () => badUserInput("This agency is already archived.", "input.id"),
  });
}
