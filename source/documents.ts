/**
 * The documents Liaison's facts are taken from, each kept in this folder as
 * the plain text that was read. A fact names its document by `id` and the
 * heading it sits under (source/citations.ts checks the words it quotes).
 */
export interface SourceDocument {
  /** How facts name the document; never rename one. */
  readonly id: string;
  readonly title: string;
  /** Its text, a file in this folder. */
  readonly file: string;
  /**
   * The lines of the text that are headings, in order. A heading's section
   * runs from it to the next heading; the lines above the first heading are
   * a section without a heading.
   */
  readonly headings: readonly string[];
}

/**
 * MI5's public page "Working with partners", as text. Above its first
 * heading are the emergency numbers and the threat level banner; lines 13
 * and 15 are a picture's text and caption, which no fact is taken from.
 */
export const WORKING_WITH_PARTNERS = {
  id: "working-with-partners",
  title: "Working with partners",
  file: "working-with-partners.txt",
  headings: [
    "Government departments",
    "Other intelligence agencies",
    "Law enforcement agencies and the armed services",
    "Foreign security and intelligence services",
    "Fact or Fiction?",
    "Latest News",
  ],
} as const satisfies SourceDocument;

export type WorkingWithPartnersHeading = (typeof WORKING_WITH_PARTNERS.headings)[number];

export const sourceDocuments: readonly SourceDocument[] = [WORKING_WITH_PARTNERS];
