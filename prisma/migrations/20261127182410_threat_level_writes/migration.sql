-- DropIndex
DROP INDEX "threat"."assessment_scope_recorded_at_id_idx";

-- AlterTable
ALTER TABLE "threat"."assessment" ADD COLUMN     "reason" TEXT,
ADD COLUMN     "version" INTEGER;

-- Number each scope's existing assessments in the order they were recorded,
-- so the current one keeps being the current one.
UPDATE "threat"."assessment" AS assessment
   SET "version" = numbered.version
  FROM (SELECT "id", row_number() OVER (PARTITION BY "scope" ORDER BY "recorded_at", "id") AS version
          FROM "threat"."assessment") AS numbered
 WHERE assessment."id" = numbered."id";

ALTER TABLE "threat"."assessment" ALTER COLUMN "version" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "assessment_scope_version_key" ON "threat"."assessment"("scope", "version" DESC);
