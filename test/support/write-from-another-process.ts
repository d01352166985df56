import { createPrismaClient } from "../../platform/database/prisma.ts";
import { updateAgency } from "../../subgraphs/agencies/agency-writes.ts";
import { publishArticle, withdrawArticle } from "../../subgraphs/news/article-writes.ts";
import { createRelationship, suspendRelationship } from "../../subgraphs/relationships/relationship-writes.ts";
import { setThreatLevel } from "../../subgraphs/threat/threat-writes.ts";

// A second process writing to the same database through a subgraph's own
// write path (audited, recording a change event), as another replica would:
// `node test/support/write-from-another-process.ts <database-url> <write> <input JSON>`.
// Prints the entity as written, as JSON.

const WRITES = {
  create: createRelationship,
  suspend: suspendRelationship,
  "set-threat-level": setThreatLevel,
  "update-agency": updateAgency,
  "publish-article": publishArticle,
  "withdraw-article": withdrawArticle,
} as const;

export type WriteFromAnotherProcess = keyof typeof WRITES;

const [databaseUrl, write, input] = process.argv.slice(2);
const prisma = createPrismaClient(databaseUrl!, { poolSize: 1 });
const writer = { prisma, identity: { subject: "another-process", roles: ["editor" as const, "admin" as const] } };
try {
  // Dates travel as ISO strings; the writes take Dates, as GraphQL's DateTime gives them.
  const parsed = JSON.parse(input!, (key, value) => (key === "publishedAt" && typeof value === "string" ? new Date(value) : value));
  const written = await WRITES[write as WriteFromAnotherProcess](writer, parsed);
  console.log(JSON.stringify(written));
} finally {
  await prisma.$disconnect();
}
