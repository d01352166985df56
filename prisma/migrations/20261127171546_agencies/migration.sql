-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "agencies";

-- CreateEnum
CREATE TYPE "agencies"."AgencyKind" AS ENUM ('INTELLIGENCE_AGENCY', 'GOVERNMENT_DEPARTMENT', 'POLICE_FORCE', 'LAW_ENFORCEMENT_AGENCY', 'ARMED_SERVICE', 'FOREIGN_SERVICE', 'OTHER');

-- CreateEnum
CREATE TYPE "agencies"."Jurisdiction" AS ENUM ('UNITED_KINGDOM', 'GREAT_BRITAIN', 'ENGLAND_AND_WALES', 'SCOTLAND', 'NORTHERN_IRELAND', 'LONDON', 'OVERSEAS');

-- CreateTable
CREATE TABLE "agencies"."agency" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "short_name" TEXT,
    "kind" "agencies"."AgencyKind" NOT NULL,
    "jurisdiction" "agencies"."Jurisdiction" NOT NULL,
    "description" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "agency_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "agency_slug_key" ON "agencies"."agency"("slug");

-- CreateIndex
CREATE INDEX "agency_kind_name_id_idx" ON "agencies"."agency"("kind", "name", "id");

-- CreateIndex
CREATE INDEX "agency_jurisdiction_name_id_idx" ON "agencies"."agency"("jurisdiction", "name", "id");

-- CreateIndex
CREATE INDEX "agency_name_id_idx" ON "agencies"."agency"("name", "id");
