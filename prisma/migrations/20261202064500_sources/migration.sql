-- CreateEnum
CREATE TYPE "relationships"."RelationshipQualifier" AS ENUM ('MAJOR', 'HEAVILY', 'IN_MANY_AREAS', 'PREDOMINANTLY', 'UNIQUE');

-- AlterEnum
ALTER TYPE "relationships"."RelationshipKind" ADD VALUE 'PARTNER';

-- AlterTable
ALTER TABLE "agencies"."agency" ADD COLUMN     "source_document" TEXT,
ADD COLUMN     "source_quote" TEXT,
ADD COLUMN     "source_section" TEXT,
ADD COLUMN     "sourced" BOOLEAN NOT NULL DEFAULT false,
ALTER COLUMN "jurisdiction" DROP NOT NULL,
ALTER COLUMN "description" DROP NOT NULL;

-- AlterTable
ALTER TABLE "news"."article" ADD COLUMN     "source_document" TEXT,
ADD COLUMN     "source_quote" TEXT,
ADD COLUMN     "source_section" TEXT,
ADD COLUMN     "sourced" BOOLEAN NOT NULL DEFAULT false,
ALTER COLUMN "published_at" DROP NOT NULL,
ALTER COLUMN "published_at_precision" DROP NOT NULL;

-- AlterTable
ALTER TABLE "news"."claim" ADD COLUMN     "source_document" TEXT,
ADD COLUMN     "source_quote" TEXT,
ADD COLUMN     "source_section" TEXT,
ADD COLUMN     "sourced" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "relationships"."relationship" ADD COLUMN     "qualifiers" "relationships"."RelationshipQualifier"[] DEFAULT ARRAY[]::"relationships"."RelationshipQualifier"[],
ADD COLUMN     "source_document" TEXT,
ADD COLUMN     "source_quote" TEXT,
ADD COLUMN     "source_section" TEXT,
ADD COLUMN     "sourced" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "threat"."assessment" ADD COLUMN     "source_document" TEXT,
ADD COLUMN     "source_quote" TEXT,
ADD COLUMN     "source_section" TEXT,
ADD COLUMN     "sourced" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "threat"."emergency_contact" ADD COLUMN     "source_document" TEXT,
ADD COLUMN     "source_quote" TEXT,
ADD COLUMN     "source_section" TEXT,
ADD COLUMN     "sourced" BOOLEAN NOT NULL DEFAULT false,
ALTER COLUMN "name" DROP NOT NULL;

-- CreateTable
CREATE TABLE "agencies"."agency_alias" (
    "agency_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "source_document" TEXT,
    "source_section" TEXT,
    "source_quote" TEXT,
    "sourced" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "agency_alias_pkey" PRIMARY KEY ("agency_id","name")
);

-- AddForeignKey
ALTER TABLE "agencies"."agency_alias" ADD CONSTRAINT "agency_alias_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agencies"."agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Written by hand: Prisma cannot express CHECK constraints.
-- A source names a document and quotes it, or is not there at all; a row
-- that says it is sourced has one. An article's date precision is known
-- exactly when its date is.
ALTER TABLE "agencies"."agency" ADD CONSTRAINT "agency_source_complete"
  CHECK (("source_document" IS NULL) = ("source_quote" IS NULL) AND ("source_document" IS NOT NULL OR ("source_section" IS NULL AND NOT "sourced")));
ALTER TABLE "agencies"."agency_alias" ADD CONSTRAINT "agency_alias_source_complete"
  CHECK (("source_document" IS NULL) = ("source_quote" IS NULL) AND ("source_document" IS NOT NULL OR ("source_section" IS NULL AND NOT "sourced")));
ALTER TABLE "relationships"."relationship" ADD CONSTRAINT "relationship_source_complete"
  CHECK (("source_document" IS NULL) = ("source_quote" IS NULL) AND ("source_document" IS NOT NULL OR ("source_section" IS NULL AND NOT "sourced")));
ALTER TABLE "news"."article" ADD CONSTRAINT "article_source_complete"
  CHECK (("source_document" IS NULL) = ("source_quote" IS NULL) AND ("source_document" IS NOT NULL OR ("source_section" IS NULL AND NOT "sourced")));
ALTER TABLE "news"."claim" ADD CONSTRAINT "claim_source_complete"
  CHECK (("source_document" IS NULL) = ("source_quote" IS NULL) AND ("source_document" IS NOT NULL OR ("source_section" IS NULL AND NOT "sourced")));
ALTER TABLE "threat"."assessment" ADD CONSTRAINT "assessment_source_complete"
  CHECK (("source_document" IS NULL) = ("source_quote" IS NULL) AND ("source_document" IS NOT NULL OR ("source_section" IS NULL AND NOT "sourced")));
ALTER TABLE "threat"."emergency_contact" ADD CONSTRAINT "emergency_contact_source_complete"
  CHECK (("source_document" IS NULL) = ("source_quote" IS NULL) AND ("source_document" IS NOT NULL OR ("source_section" IS NULL AND NOT "sourced")));
ALTER TABLE "news"."article" ADD CONSTRAINT "article_precision_with_date"
  CHECK (("published_at" IS NULL) = ("published_at_precision" IS NULL));
