import type { Citation } from "../source/citations.ts";

/** How a row stores where its facts come from (the `source_*` and `sourced` columns). */
export interface SourceColumns {
  sourceDocument: string | null;
  sourceSection: string | null;
  sourceQuote: string | null;
}

export interface SourcedColumns extends SourceColumns {
  sourced: boolean;
}

/** The columns of a row whose facts all come from `citation`. */
export function sourcedFrom(citation: Citation): SourcedColumns {
  return {
    sourceDocument: citation.document,
    sourceSection: citation.section,
    sourceQuote: citation.quote,
    sourced: true,
  };
}

/** A row's source as GraphQL's `Source` answers it; null when it has none. */
export function citationOf(row: SourceColumns): Citation | null {
  if (row.sourceDocument === null || row.sourceQuote === null) return null;
  return { document: row.sourceDocument, section: row.sourceSection, quote: row.sourceQuote };
}
