-- AlterTable
ALTER TABLE "audit"."entry" ADD COLUMN     "source_document" TEXT,
ADD COLUMN     "source_quote" TEXT,
ADD COLUMN     "source_section" TEXT;

-- Written by hand: Prisma cannot express CHECK constraints. A write's
-- source names a document and quotes it, or is not there at all.
ALTER TABLE "audit"."entry" ADD CONSTRAINT "entry_source_complete"
  CHECK (("source_document" IS NULL) = ("source_quote" IS NULL) AND ("source_document" IS NOT NULL OR "source_section" IS NULL));
