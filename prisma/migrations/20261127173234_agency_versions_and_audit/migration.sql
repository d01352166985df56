-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "audit";

-- AlterTable
ALTER TABLE "agencies"."agency" ADD COLUMN     "archived_at" TIMESTAMPTZ(3),
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "audit"."entry" (
    "id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "actor_roles" TEXT[],
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" UUID NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "idempotency_key" TEXT,

    CONSTRAINT "entry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "entry_entity_type_entity_id_at_idx" ON "audit"."entry"("entity_type", "entity_id", "at");

-- CreateIndex
CREATE INDEX "entry_actor_at_idx" ON "audit"."entry"("actor", "at");

-- CreateIndex
CREATE INDEX "entry_at_idx" ON "audit"."entry"("at");

-- CreateIndex
CREATE UNIQUE INDEX "entry_actor_idempotency_key_key" ON "audit"."entry"("actor", "idempotency_key");
