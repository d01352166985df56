-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "relationships";

-- CreateEnum
CREATE TYPE "relationships"."RelationshipKind" AS ENUM ('WORKS_CLOSELY', 'STRONG_LINKS', 'PROTECTIVE_SECURITY_ADVICE', 'MUTUAL_ASSISTANCE', 'INTELLIGENCE_CUSTOMER', 'WORKS_WITH', 'RECEIVES_HELP', 'INTELLIGENCE_ASSESSMENTS', 'JOINT_INVESTIGATIONS', 'SERIOUS_CRIME_SUPPORT', 'NORTHERN_IRELAND_INTELLIGENCE_LEAD', 'NORTHERN_IRELAND_POLICE_RESPONSE', 'RELIES_ON');

-- CreateEnum
CREATE TYPE "relationships"."Closeness" AS ENUM ('PARTICULARLY_CLOSE', 'VERY_CLOSE', 'CLOSE_PARTNERSHIP', 'CLOSE', 'STRONG_LINKS');

-- CreateEnum
CREATE TYPE "relationships"."RelationshipStatus" AS ENUM ('ACTIVE', 'SUSPENDED');

-- CreateTable
CREATE TABLE "relationships"."relationship" (
    "id" UUID NOT NULL,
    "from_agency_id" UUID NOT NULL,
    "to_agency_id" UUID NOT NULL,
    "kind" "relationships"."RelationshipKind" NOT NULL,
    "closeness" "relationships"."Closeness",
    "mutual" BOOLEAN NOT NULL DEFAULT false,
    "status" "relationships"."RelationshipStatus" NOT NULL DEFAULT 'ACTIVE',
    "since" TEXT,
    "description" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "relationship_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "relationship_to_agency_id_from_agency_id_idx" ON "relationships"."relationship"("to_agency_id", "from_agency_id");

-- CreateIndex
CREATE INDEX "relationship_kind_id_idx" ON "relationships"."relationship"("kind", "id");

-- CreateIndex
CREATE INDEX "relationship_status_id_idx" ON "relationships"."relationship"("status", "id");

-- CreateIndex
CREATE UNIQUE INDEX "relationship_from_agency_id_to_agency_id_kind_key" ON "relationships"."relationship"("from_agency_id", "to_agency_id", "kind");

-- AddForeignKey
ALTER TABLE "relationships"."relationship" ADD CONSTRAINT "relationship_from_agency_id_fkey" FOREIGN KEY ("from_agency_id") REFERENCES "agencies"."agency"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "relationships"."relationship" ADD CONSTRAINT "relationship_to_agency_id_fkey" FOREIGN KEY ("to_agency_id") REFERENCES "agencies"."agency"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- Written by hand: Prisma cannot express CHECK constraints.
-- A link joins two different agencies.
ALTER TABLE "relationships"."relationship" ADD CONSTRAINT "relationship_not_to_itself" CHECK ("from_agency_id" <> "to_agency_id");

-- `since` is an ISO 8601 year, year and month, or date.
ALTER TABLE "relationships"."relationship" ADD CONSTRAINT "relationship_since_iso_8601" CHECK ("since" ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$');
