import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../../platform/database/prisma.ts";

/**
 * A seed of `size` generated agencies round a ring, each linked to the next
 * `linksPerAgency`: every agency has 2 × `linksPerAgency` partners.
 */
export function ringDirectory(size: number, linksPerAgency: number) {
  return async (prisma: PrismaClient) => {
    const ids = Array.from({ length: size }, () => randomUUID());
    await prisma.agency.createMany({
      data: ids.map((id, index) => ({
        id,
        slug: `agency-${index}`,
        name: `Agency ${String(index).padStart(4, "0")}`,
        kind: "OTHER" as const,
        jurisdiction: "UNITED_KINGDOM" as const,
        description: "A generated agency.",
      })),
    });
    await prisma.relationship.createMany({
      data: ids.flatMap((fromAgencyId, index) =>
        Array.from({ length: linksPerAgency }, (_, step) => ({
          fromAgencyId,
          toAgencyId: ids[(index + step + 1) % size]!,
          kind: "WORKS_WITH" as const,
          description: "A generated link.",
        })),
      ),
    });
  };
}
