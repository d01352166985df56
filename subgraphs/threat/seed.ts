import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { SubgraphSeed } from "../../platform/subgraph.ts";
import { assessments, emergencyContacts } from "./seed-data.ts";

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
      where: { id: { in: assessments.map((assessment) => assessment.id) } },
    });
    const assessmentsById = new Map(existingAssessments.map((row) => [row.id, row]));
    // A missing seed assessment joins its scope's history as the latest.
    for (const assessment of assessments.filter(({ id }) => !assessmentsById.has(id))) {
      const latest = await transaction.threatAssessment.findFirst({
        where: { scope: assessment.scope },
        orderBy: { version: "desc" },
        select: { version: true },
      });
      await transaction.threatAssessment.create({ data: { ...assessment, version: (latest?.version ?? 0) + 1 } });
    }
    for (const assessment of assessments) {
      const row = assessmentsById.get(assessment.id);
      if (
        row &&
        (row.scope !== assessment.scope ||
          row.level !== assessment.level ||
          row.since?.getTime() !== assessment.since?.getTime())
      ) {
        await transaction.threatAssessment.update({ where: { id: assessment.id }, data: assessment });
      }
    }

    const existingContacts = await transaction.emergencyContact.findMany({
      where: { slug: { in: emergencyContacts.map((contact) => contact.slug) } },
    });
    const contactsBySlug = new Map(existingContacts.map((row) => [row.slug, row]));
    const contactRows = emergencyContacts.map((contact, position) => ({ ...contact, position }));
    const missingContacts = contactRows.filter((contact) => !contactsBySlug.has(contact.slug));
    if (missingContacts.length) await transaction.emergencyContact.createMany({ data: missingContacts });
    for (const contact of contactRows) {
      const row = contactsBySlug.get(contact.slug);
      if (
        row &&
        (row.name !== contact.name ||
          row.phoneNumber !== contact.phoneNumber ||
          row.purpose !== contact.purpose ||
          row.position !== contact.position)
      ) {
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
