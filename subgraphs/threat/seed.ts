import type { PrismaClient } from "../../generated/prisma/client.ts";
import { sourcedFrom } from "../../platform/provenance.ts";
import type { SubgraphSeed } from "../../platform/subgraph.ts";
import { assessments, emergencyContacts } from "./seed-data.ts";

/** The seed assessments as rows. */
const assessmentRows = assessments.map(({ source, ...assessment }) => ({ ...assessment, ...sourcedFrom(source) }));

/** The seed contacts as rows, listed in seed order. */
const contactRows = emergencyContacts.map(({ source, ...contact }, position) => ({
  ...contact,
  position,
  ...sourcedFrom(source),
}));

/** Whether `row` already holds every value of `wanted`. */
function holds(row: Record<string, unknown>, wanted: Record<string, unknown>): boolean {
  return Object.entries(wanted).every(([key, value]) => {
    const held = row[key];
    return value instanceof Date || held instanceof Date
      ? (held as Date | null)?.getTime() === (value as Date | null)?.getTime()
      : held === value;
  });
}

/**
 * Makes the threat tables hold the seed assessments (matched by id; one
 * that is missing is added as its scope's latest) and emergency contacts
 * (matched by slug, listed in seed order), in one transaction. Rows
 * already equal to their seed are not written, and assessments recorded
 * since are left alone. Returns how many seed assessments and contacts
 * there are.
 */
async function seedThreat(prisma: PrismaClient): Promise<number> {
  await prisma.$transaction(async (transaction) => {
    const existingAssessments = await transaction.threatAssessment.findMany({
      where: { id: { in: assessmentRows.map((assessment) => assessment.id) } },
    });
    const assessmentsById = new Map(existingAssessments.map((row) => [row.id, row]));
    for (const assessment of assessmentRows) {
      const row = assessmentsById.get(assessment.id);
      if (!row) {
        // A missing seed assessment joins its scope's history as the latest.
        const latest = await transaction.threatAssessment.findFirst({
          where: { scope: assessment.scope },
          orderBy: { version: "desc" },
          select: { version: true },
        });
        await transaction.threatAssessment.create({ data: { ...assessment, version: (latest?.version ?? 0) + 1 } });
      } else if (!holds(row, assessment)) {
        await transaction.threatAssessment.update({ where: { id: assessment.id }, data: assessment });
      }
    }

    const existingContacts = await transaction.emergencyContact.findMany({
      where: { slug: { in: contactRows.map((contact) => contact.slug) } },
    });
    const contactsBySlug = new Map(existingContacts.map((row) => [row.slug, row]));
    const missingContacts = contactRows.filter((contact) => !contactsBySlug.has(contact.slug));
    if (missingContacts.length) await transaction.emergencyContact.createMany({ data: missingContacts });
    for (const contact of contactRows) {
      const row = contactsBySlug.get(contact.slug);
      if (row && !holds(row, contact)) {
        await transaction.emergencyContact.update({ where: { slug: contact.slug }, data: contact });
      }
    }
  });
  return assessments.length + emergencyContacts.length;
}

export const seed: SubgraphSeed = {
  run: seedThreat,
  hasData: async (prisma) => (await prisma.threatAssessment.findFirst({ select: { id: true } })) !== null,
};
