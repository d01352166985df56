import { createPrismaClient } from "../../platform/database/prisma.ts";
import { createRelationship, suspendRelationship } from "../../subgraphs/relationships/relationship-writes.ts";

// A second process writing to the same database through the relationships'
// own write path (audited, recording a change event), as another replica
// would: `node test/support/write-from-another-process.ts <database-url> <write> <input JSON>`.
// Prints the link as written, as JSON.

const [databaseUrl, write, input] = process.argv.slice(2);
const prisma = createPrismaClient(databaseUrl!, { poolSize: 1 });
const writer = { prisma, identity: { subject: "another-process", roles: ["editor" as const] } };
try {
  const parsed = JSON.parse(input!);
  const link = write === "suspend" ? await suspendRelationship(writer, parsed) : await createRelationship(writer, parsed);
  console.log(JSON.stringify(link));
} finally {
  await prisma.$disconnect();
}
