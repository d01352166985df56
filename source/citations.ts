import { readFileSync } from "node:fs";
import { sourceDocuments, WORKING_WITH_PARTNERS, type WorkingWithPartnersHeading } from "./documents.ts";

/** Where a fact comes from: a source document, the heading it sits under, and the words that state it. */
export interface Citation {
  /** A document's id (source/documents.ts). */
  readonly document: string;
  /** The heading the words sit under; null for the lines above the document's first heading. */
  readonly section: string | null;
  /**
   * The few words that state the fact, as written. Words left out are
   * marked by QUOTE_GAP: each part occurs in the section, in order.
   */
  readonly quote: string;
}

/** Marks words left out of a quote. */
export const QUOTE_GAP = " … ";

/** A citation of the "Working with partners" page. */
export function fromThePage(section: WorkingWithPartnersHeading | null, quote: string): Citation {
  return { document: WORKING_WITH_PARTNERS.id, section, quote };
}

const texts = new Map<string, string>();

/** A source document's text, or undefined for an id no document has. */
export function documentText(documentId: string): string | undefined {
  const document = sourceDocuments.find(({ id }) => id === documentId);
  if (!document) return undefined;
  let text = texts.get(document.id);
  if (text === undefined) {
    text = readFileSync(new URL(document.file, import.meta.url), "utf8");
    texts.set(document.id, text);
  }
  return text;
}

/**
 * The text of a document's section, its heading line included; undefined
 * when the document or the heading is not known.
 */
export function sectionText(documentId: string, section: string | null): string | undefined {
  const text = documentText(documentId);
  const headings = sourceDocuments.find(({ id }) => id === documentId)?.headings;
  if (text === undefined || !headings) return undefined;
  const lines = text.split(/\r?\n/);
  const start = section === null ? 0 : lines.findIndex((line) => line.trim() === section);
  if (start < 0 || (section !== null && !headings.includes(section))) return undefined;
  const next = lines.findIndex((line, index) => index > start && headings.includes(line.trim()));
  return lines.slice(start, next < 0 ? undefined : next).join("\n");
}

/** Runs of white space as one space, so that a quote may cross a line break. */
export function normalised(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Why a citation does not hold (unknown document or heading, words not there), or null when it does. */
export function citationProblem({ document, section, quote }: Citation): string | null {
  if (documentText(document) === undefined) return `no source document has the id "${document}"`;
  const text = sectionText(document, section);
  if (text === undefined) return `"${document}" has no heading "${section}"`;
  const parts = quote.split(QUOTE_GAP.trim()).map(normalised);
  if (parts.some((part) => part === "")) return "the quote has an empty part";
  const haystack = normalised(text);
  let from = 0;
  for (const part of parts) {
    const at = haystack.indexOf(part, from);
    if (at < 0) {
      const where = section === null ? "above its first heading" : `under "${section}"`;
      return `"${part}" is not in "${document}" ${where}${from > 0 ? " after the words before it" : ""}`;
    }
    from = at + part.length;
  }
  return null;
}
