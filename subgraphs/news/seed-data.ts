import { DatePrecision, Verdict } from "../../generated/prisma/enums.ts";

/** One item of the page's "Latest News", as stored. */
export interface ArticleSeed {
  readonly slug: string;
  readonly title: string;
  readonly summary: string;
  readonly publishedAt: Date;
  readonly publishedAtPrecision: DatePrecision;
  readonly tags: readonly string[];
  /** Slugs of the agencies (prisma/seed/agencies.ts) the article concerns. */
  readonly mentions: readonly string[];
}

/** One "Fact or Fiction?" statement, as stored. */
export interface ClaimSeed {
  readonly slug: string;
  readonly statement: string;
  readonly verdict: Verdict;
  readonly explanation: string | null;
}

/**
 * The page's two news items. Titles are the page's; summaries are our own
 * words. Slugs are part of the public contract: never rename one.
 *
 * Dates are assumptions, recorded with MONTH precision because the page
 * gives no day:
 * - the files release is dated September 2019 by its title;
 * - the National Inclusion Week item gives no year. The week is held in
 *   late September, and the page lists the item beside the September 2019
 *   release, so it is taken to be September 2019 too.
 * The days are placeholders that keep the page's order, newest first (the
 * files release above the National Inclusion Week item).
 */
export const articles = [
  {
    slug: "september-2019-release-of-historical-mi5-files",
    title: "September 2019 release of historical MI5 files",
    summary:
      "MI5 has transferred a further batch of its historical files to The National Archives, where the public can now read them.",
    publishedAt: new Date("2019-09-30T00:00:00Z"),
    publishedAtPrecision: DatePrecision.MONTH,
    tags: ["history", "archives"],
    mentions: ["mi5", "national-archives"],
  },
  {
    slug: "mi5-supports-national-inclusion-week",
    title: "MI5 supports National Inclusion Week",
    summary:
      "For the fourth consecutive year, MI5 is taking part in National Inclusion Week and joining its celebrations of inclusion at work.",
    publishedAt: new Date("2019-09-23T00:00:00Z"),
    publishedAtPrecision: DatePrecision.MONTH,
    tags: ["inclusion", "diversity"],
    mentions: ["mi5"],
  },
] as const satisfies readonly ArticleSeed[];

/**
 * The page's "Fact or Fiction?" statement. The page offers "True" and
 * "False" buttons but not the answer, so the verdict is unknown.
 */
export const claims = [
  {
    slug: "baker-street-training-facility",
    statement: "MI5 has a secret training facility under Baker Street tube station.",
    verdict: Verdict.UNKNOWN,
    explanation: null,
  },
] as const satisfies readonly ClaimSeed[];
