-- AlterTable
ALTER TABLE "news"."article" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "withdrawal_reason" TEXT,
ADD COLUMN     "withdrawn_at" TIMESTAMPTZ(3);

-- AddForeignKey
ALTER TABLE "news"."article_mention" ADD CONSTRAINT "article_mention_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agencies"."agency"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;
