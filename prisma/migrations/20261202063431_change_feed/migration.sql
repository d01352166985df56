-- CreateTable
CREATE TABLE "audit"."change_event" (
    "sequence" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "entity_type" TEXT NOT NULL,
    "entity_id" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "version" INTEGER,
    "topics" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "change_event_pkey" PRIMARY KEY ("sequence")
);

-- CreateIndex
CREATE INDEX "change_event_at_idx" ON "audit"."change_event"("at");
