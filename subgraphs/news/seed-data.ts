import { DatePrecision, Verdict } from "../../generated/prisma/enums.ts";
import { fromThePage, type Citation } from "../../source/citations.ts";

/** One item of the page's "Latest News", as stored. */
export interface ArticleSeed {
  readonly slug: string;
  /** The page's title, word for word. */
  readonly title: string;
  /** What the page's item says, in our own words. */
  readonly summary: string;
  /**
   * When it was published, as precisely as the page says: an ISO 8601 year
   * and month or date; null when the page gives no date.
   */
  readonly publicationDate: string | null;
  /** Topics, each a word of the page's item or its stem. */
  readonly tags: readonly string[];
  /** Slugs of the agencies the page's item names. */
  readonly mentions: readonly string[];
  /** The words that give the item: its title. */
  readonly source: Citation;
}

/** One "Fact or Fiction?" statement, as stored. */
export interface ClaimSeed {
  readonly slug: string;
  /** The page's statement, word for word. */
  readonly statement: string;
  readonly verdict: Verdict;
  readonly explanation: string | null;
  readonly source: Citation;
}

/**
 * The page's two news items, in its order. Titles are the page's; summaries
 * are our own words. Slugs are part of the public contract: never rename one.
 *
 * The page gives no publication dates. The files release is dated
 * September 2019 by its title, so it has that month and no day; the
 * National Inclusion Week item gives no date at all, so it has none.
 */
export const articles = [
  {
    slug: "september-2019-release-of-historical-mi5-files",
    title: "September 2019 release of historical MI5 files",
    summary: "MI5 has released another batch of its historical files; they are now at The National Archives, where they can be viewed.",
    publicationDate: "2019-09",
    tags: ["history", "archives"],
    mentions: ["mi5", "national-archives"],
    source: fromThePage("Latest News", "September 2019 release of historical MI5 files"),
  },
  {
    slug: "mi5-supports-national-inclusion-week",
    title: "MI5 supports National Inclusion Week",
    summary: "MI5 is taking part in the celebrations of National Inclusion Week, for the fourth year running.",
    publicationDate: null,
    tags: ["inclusion"],
    mentions: ["mi5"],
    source: fromThePage("Latest News", "MI5 supports National Inclusion Week"),
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
    source: fromThePage("Fact or Fiction?", "a secret training facility under Baker Street tube station"),
  },
] as const satisfies readonly ClaimSeed[];

/** How a publication date of the seed is stored: the first instant of its period, and its precision. */
export function storedPublicationDate(date: string | null): { publishedAt: Date | null; publishedAtPrecision: DatePrecision | null } {
  if (date === null) return { publishedAt: null, publishedAtPrecision: null };
  if (/^\d{4}-\d{2}$/.test(date)) return { publishedAt: new Date(`${date}-01T00:00:00Z`), publishedAtPrecision: DatePrecision.MONTH };
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return { publishedAt: new Date(`${date}T00:00:00Z`), publishedAtPrecision: DatePrecision.DAY };
  throw new Error(`"${date}" is not an ISO 8601 year and month or date.`);
}
