import { citationProblem, documentText, sectionText, type Citation } from "../source/citations.ts";
import { badUserInput } from "./graphql/errors.ts";
import * as check from "./graphql/validation.ts";

/** How a row stores where its facts come from (the `source_*` and `sourced` columns). */
export interface SourceColumns {
  sourceDocument: string | null;
  sourceSection: string | null;
  sourceQuote: string | null;
}

export interface SourcedColumns extends SourceColumns {
  sourced: boolean;
}

/** Where each of `SourcedColumns` is stored, the same in every table that has them. */
export const SOURCED_COLUMN_NAMES: { readonly [Field in keyof SourcedColumns]: string } = {
  sourceDocument: "source_document",
  sourceSection: "source_section",
  sourceQuote: "source_quote",
  sourced: "sourced",
};

/** The columns of a row whose facts all come from `citation`. */
export function sourcedFrom(citation: Citation): SourcedColumns {
  return {
    sourceDocument: citation.document,
    sourceSection: citation.section,
    sourceQuote: citation.quote,
    sourced: true,
  };
}

/** The columns of a row no source was given for. */
export const UNSOURCED: SourcedColumns = { sourceDocument: null, sourceSection: null, sourceQuote: null, sourced: false };

/** The columns of a row written with `source`, or without one. */
export function sourceColumns(source: Citation | null): SourcedColumns {
  return source ? sourcedFrom(source) : UNSOURCED;
}

/** A row's source as GraphQL's `Source` answers it; null when it has none. */
export function citationOf(row: SourceColumns): Citation | null {
  if (row.sourceDocument === null || row.sourceQuote === null) return null;
  return { document: row.sourceDocument, section: row.sourceSection, quote: row.sourceQuote };
}

/** A write's `source` argument, as GraphQL's `SourceInput` gives it. */
export interface SourceInput {
  document: string;
  section?: string | null;
  quote: string;
}

export const DOCUMENT_LENGTH = 200;
export const SECTION_LENGTH = 200;
/** A few words, not a passage: the seed's own quotes stay under half of this. */
export const QUOTE_LENGTH = 300;

/**
 * The source a write gives, checked: each part trimmed, non-empty and
 * bounded. A document Liaison keeps in source/ is held to its text: the
 * section must be one of its headings and the quote's words must be under
 * it, as the seed's citations are. Other documents are taken as given.
 * Null when the write gives no source.
 */
export function givenSource(value: SourceInput | null | undefined, argument = "input.source"): Citation | null {
  if (value == null) return null;
  const citation: Citation = {
    document: check.requiredText(value.document, `${argument}.document`, DOCUMENT_LENGTH),
    section: check.optionalText(value.section, `${argument}.section`, SECTION_LENGTH) ?? null,
    quote: check.requiredText(value.quote, `${argument}.quote`, QUOTE_LENGTH),
  };
  if (documentText(citation.document) === undefined) return citation;
  if (sectionText(citation.document, citation.section) === undefined) {
    throw badUserInput(`${argument}.section is not a heading of "${citation.document}".`, `${argument}.section`);
  }
  const problem = citationProblem(citation);
  if (problem) throw badUserInput(`${argument}.quote must be words of the document: ${problem}.`, `${argument}.quote`);
  return citation;
}

/**
 * What a change does to a row's provenance. A source given replaces the
 * row's: it should state every fact the row holds after the change. A
 * change to any of `facts` without one leaves the row unsourced, since its
 * old source no longer states what it holds (the audit trail keeps the old
 * source in the entry's `before`). A change to nothing the source states
 * (archiving, withdrawing) leaves the provenance as it was.
 */
export function provenanceOfChange<Changes extends object>(
  source: Citation | null,
  changes: Changes,
  facts: readonly (keyof Changes)[],
): Partial<SourcedColumns> {
  if (source) return sourcedFrom(source);
  const changesAFact = facts.some((field) => changes[field] !== undefined);
  return changesAFact ? UNSOURCED : {};
}
