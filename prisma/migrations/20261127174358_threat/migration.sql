-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "threat";

-- CreateEnum
CREATE TYPE "threat"."ThreatLevel" AS ENUM ('LOW', 'MODERATE', 'SUBSTANTIAL', 'SEVERE', 'CRITICAL');

-- CreateEnum
CREATE TYPE "threat"."ThreatScope" AS ENUM ('NATIONAL', 'NORTHERN_IRELAND');

-- CreateTable
CREATE TABLE "threat"."assessment" (
    "id" UUID NOT NULL,
    "scope" "threat"."ThreatScope" NOT NULL,
    "level" "threat"."ThreatLevel" NOT NULL,
    "since" TIMESTAMPTZ(3),
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "threat"."emergency_contact" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone_number" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "emergency_contact_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "assessment_scope_recorded_at_id_idx" ON "threat"."assessment"("scope", "recorded_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "emergency_contact_slug_key" ON "threat"."emergency_contact"("slug");
