-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "news";

-- CreateEnum
CREATE TYPE "news"."DatePrecision" AS ENUM ('DAY', 'MONTH');

-- CreateEnum
CREATE TYPE "news"."Verdict" AS ENUM ('FACT', 'FICTION', 'UNKNOWN');

-- CreateTable
CREATE TABLE "news"."article" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL,
    "published_at_precision" "news"."DatePrecision" NOT NULL DEFAULT 'DAY',
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "article_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "news"."article_mention" (
    "article_id" UUID NOT NULL,
    "agency_id" UUID NOT NULL,

    CONSTRAINT "article_mention_pkey" PRIMARY KEY ("article_id","agency_id")
);

-- CreateTable
CREATE TABLE "news"."claim" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "statement" TEXT NOT NULL,
    "verdict" "news"."Verdict" NOT NULL DEFAULT 'UNKNOWN',
    "explanation" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "claim_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "article_slug_key" ON "news"."article"("slug");

-- CreateIndex
CREATE INDEX "article_published_at_id_idx" ON "news"."article"("published_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "article_tags_idx" ON "news"."article" USING GIN ("tags");

-- CreateIndex
CREATE INDEX "article_mention_agency_id_article_id_idx" ON "news"."article_mention"("agency_id", "article_id");

-- CreateIndex
CREATE UNIQUE INDEX "claim_slug_key" ON "news"."claim"("slug");

-- AddForeignKey
ALTER TABLE "news"."article_mention" ADD CONSTRAINT "article_mention_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "news"."article"("id") ON DELETE CASCADE ON UPDATE CASCADE;
