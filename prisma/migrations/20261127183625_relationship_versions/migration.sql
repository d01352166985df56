-- AlterTable
ALTER TABLE "relationships"."relationship" ADD COLUMN     "suspension_reason" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- Written by hand: Prisma cannot express CHECK constraints.
-- A suspension's reason is kept only while the link is suspended.
ALTER TABLE "relationships"."relationship" ADD CONSTRAINT "relationship_reason_only_when_suspended" CHECK ("status" = 'SUSPENDED' OR "suspension_reason" IS NULL);
