-- AlterTable
ALTER TABLE "audit"."entry" ADD COLUMN     "request_digest" TEXT;
