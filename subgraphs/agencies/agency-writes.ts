import type { Agency, AgencyKind, Jurisdiction, Prisma } from "../../generated/prisma/client.ts";
import type { Identity } from "../../platform/auth/identity.ts";
import { uniqueViolation } from "../../platform/database/errors.ts";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import { badUserInput } from "../../platform/graphql/errors.ts";
import * as check from "../../platform/graphql/validation.ts";
import { auditedWrite } from "../../platform/writes/audited-write.ts";
import { changeVersioned, currentVersion, type VersionedRows } from "../../platform/writes/versioned.ts";
import { isAgencyId } from "./agency-store.ts";

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

export interface ArchiveAgency {
  id: string;
  version: number;
  idempotencyKey?: string | null;
}

const NAME_LENGTH = 200;
const SHORT_NAME_LENGTH = 32;
const DESCRIPTION_LENGTH = 2000;

const loadAgency = (prisma: PrismaClient, id: string) => prisma.agency.findUnique({ where: { id } });

/**
 * Agencies as the versioned-write helpers reach them: each change names the
 * version it read, and the check and the change are one statement.
 */
const agencies: VersionedRows<Agency, Prisma.AgencyUpdateManyMutationInput> = {
  entityName: "agency",
  find: (tx, id) => (isAgencyId(id) ? tx.agency.findUnique({ where: { id } }) : Promise.resolve(null)),
  update: (tx, where, data) => tx.agency.updateMany({ where, data }),
};

export function createAgency(prisma: PrismaClient, identity: Identity, input: CreateAgency): Promise<Agency> {
  const data = {
    slug: check.slug(input.slug, "input.slug"),
    name: check.requiredText(input.name, "input.name", NAME_LENGTH),
    shortName: check.optionalText(input.shortName, "input.shortName", SHORT_NAME_LENGTH) ?? null,
    kind: input.kind,
    jurisdiction: input.jurisdiction,
    description: check.requiredText(input.description, "input.description", DESCRIPTION_LENGTH),
  };
  return withSlugCheck(
    auditedWrite(prisma, identity, {
      action: "agency.create",
      entityType: "Agency",
      idempotencyKey: check.idempotencyKey(input.idempotencyKey),
      load: loadAgency,
      apply: async (tx) => {
        const entity = await tx.agency.create({ data });
        return { entity, before: null, after: entity };
      },
    }),
  );
}

export function updateAgency(prisma: PrismaClient, identity: Identity, input: UpdateAgency): Promise<Agency> {
  const changes = {
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
  };
  return withSlugCheck(
    auditedWrite(prisma, identity, {
      action: "agency.update",
      entityType: "Agency",
      idempotencyKey: check.idempotencyKey(input.idempotencyKey),
      load: loadAgency,
      apply: (tx) => changeVersioned(agencies, tx, input, changes),
    }),
  );
}

export function archiveAgency(prisma: PrismaClient, identity: Identity, input: ArchiveAgency): Promise<Agency> {
  return auditedWrite(prisma, identity, {
    action: "agency.archive",
    entityType: "Agency",
    idempotencyKey: check.idempotencyKey(input.idempotencyKey),
    load: loadAgency,
    apply: async (tx) => {
      const current = await currentVersion(agencies, tx, input);
      if (current.archivedAt) throw badUserInput("This agency is already archived.", "input.id");
      return changeVersioned(agencies, tx, input, { archivedAt: new Date() });
    },
  });
}

async function withSlugCheck(write: Promise<Agency>): Promise<Agency> {
  try {
    return await write;
  } catch (error) {
    if (uniqueViolation(error)?.some((column) => /slug/.test(column))) {
      throw badUserInput("Another agency already has this slug.", "input.slug");
    }
    throw error;
  }
}
