import type { NewsArticle } from "../../generated/prisma/client.ts";

type Dated = Pick<NewsArticle, "publishedAt" | "publishedAtPrecision">;

/**
 * The publication instant, only where its day is known: a month-precise
 * date is stored as the month's first instant, which a client that ignores
 * the precision would take for a real day.
 */
export function publishedInstant({ publishedAt, publishedAtPrecision }: Dated): Date | null {
  return publishedAtPrecision === "DAY" ? publishedAt : null;
}

/** The publication date as an ISO 8601 string of the precision known (`2019-09`, `2019-09-23`); null without one. */
export function publicationDate({ publishedAt, publishedAtPrecision }: Dated): string | null {
  if (!publishedAt || !publishedAtPrecision) return null;
  const day = publishedAt.toISOString().slice(0, 10);
  return publishedAtPrecision === "MONTH" ? day.slice(0, 7) : day;
}
