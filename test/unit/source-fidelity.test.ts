import { describe, expect, it } from "vitest";
import type { AgencyKind, Closeness, Jurisdiction, RelationshipKind, RelationshipQualifier } from "../../generated/prisma/enums.ts";
import {
  citationProblem,
  documentText,
  normalised,
  QUOTE_GAP,
  sectionText,
  type Citation,
} from "../../source/citations.ts";
import { WORKING_WITH_PARTNERS } from "../../source/documents.ts";
import { agencies, type AgencySeed } from "../../subgraphs/agencies/seed-data.ts";
import { articles, claims } from "../../subgraphs/news/seed-data.ts";
import { relationships } from "../../subgraphs/relationships/seed-data.ts";
import { assessments, emergencyContacts } from "../../subgraphs/threat/seed-data.ts";

// Every seeded fact is held to the page it comes from (source/): the words
// it quotes are on the page under the heading it names, and each value a
// seeded field holds is in those words, by the rules below. A value the
// page does not give fails here; so does a qualifier the quoted words give
// that the seed leaves out.

const PAGE = documentText(WORKING_WITH_PARTNERS.id)!;

/** The quote's parts as one text, for the rules to look in. */
const quoted = ({ quote }: Citation) => normalised(quote.split(QUOTE_GAP.trim()).join(" "));

/** The quote and the heading it sits under, for values a heading gives (an agency's kind). */
const quotedWithHeading = (citation: Citation) => `${citation.section ?? ""} ${quoted(citation)}`;

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Whether `word` occurs in `text` as a whole word (or phrase), case as given. */
const hasWord = (text: string, word: string, flags = "") =>
  new RegExp(`(?<![\\p{L}\\p{N}])${escaped(word)}(?![\\p{L}\\p{N}])`, `u${flags}`).test(text);

/** What each agency kind is called on the page: a kind is given by words naming it in the quote or its heading. */
const KIND_WORDS: Record<AgencyKind, RegExp | null> = {
  INTELLIGENCE_AGENCY: /intelligence (agencies|agency|service)/i,
  GOVERNMENT_DEPARTMENT: /government departments?/i,
  POLICE_FORCE: /\b(police|force)\b/i,
  LAW_ENFORCEMENT_AGENCY: /law enforcement agenc/i,
  ARMED_SERVICE: /armed services?/i,
  FOREIGN_SERVICE: /foreign security and intelligence services/i,
  // Claims nothing about the organisation.
  OTHER: null,
};

/** A jurisdiction is given by quoted words naming the place. */
const JURISDICTION_WORDS: Record<Jurisdiction, RegExp> = {
  UNITED_KINGDOM: /\b(UK|United Kingdom)\b/,
  GREAT_BRITAIN: /\bGreat Britain\b/,
  ENGLAND_AND_WALES: /\bEngland and Wales\b/,
  SCOTLAND: /\bScotland\b/,
  NORTHERN_IRELAND: /\bNorthern Ireland\b/,
  LONDON: /\bLondon\b/,
  OVERSEAS: /\b(overseas|foreign|other countries)\b/i,
};

/** A relationship's kind is given by the quoted words that state it. */
const RELATIONSHIP_KIND_WORDS: Record<Exclude<RelationshipKind, "PARTNER">, RegExp> = {
  WORKS_CLOSELY: /\bclose(ly)?\b/,
  STRONG_LINKS: /\bstrong links\b/,
  PROTECTIVE_SECURITY_ADVICE: /\badvise\b.*\bprotective security\b/,
  MUTUAL_ASSISTANCE: /\bmutual assistance\b/,
  INTELLIGENCE_CUSTOMER: /\bcustomer for any intelligence\b/,
  WORKS_WITH: /\bwork with\b/,
  RECEIVES_HELP: /\breceive help\b/,
  INTELLIGENCE_ASSESSMENTS: /\bintelligence assessments\b/,
  JOINT_INVESTIGATIONS: /\bon investigations\b/,
  SERIOUS_CRIME_SUPPORT: /\bserious crime\b/,
  NORTHERN_IRELAND_INTELLIGENCE_LEAD: /\blead responsibility\b/,
  NORTHERN_IRELAND_POLICE_RESPONSE: /\boperational police response\b/,
  RELIES_ON: /\brely\b/,
};

/** The page's words for closeness, most specific first: the quote's words give the closeness, or none. */
const CLOSENESS_WORDS: [Closeness, RegExp][] = [
  ["PARTICULARLY_CLOSE", /\bparticularly closely\b/],
  ["VERY_CLOSE", /\bvery closely\b/],
  ["CLOSE_PARTNERSHIP", /\bclose partnership\b/],
  ["STRONG_LINKS", /\bstrong links\b/],
  ["CLOSE", /\bclosely\b/],
];

/**
 * A link is mutual only where the quoted words say both take part: MI5
 * works, collaborates or has links with the partner, in partnership, or
 * they assist each other. Receiving, giving, advising and relying are one
 * way.
 */
const MUTUAL_WORDS = /\b(works?|collaborate)\b[^.]*?\bwith\b|\blinks with\b|\bpartnership\b|\bmutual\b/;

const QUALIFIER_WORDS: Record<RelationshipQualifier, RegExp> = {
  MAJOR: /\bmajor\b/,
  HEAVILY: /\bheavily\b/,
  IN_MANY_AREAS: /\bmany areas\b/,
  PREDOMINANTLY: /\bpredominantly\b/,
  UNIQUE: /\bunique\b/,
};

/** The most consecutive words a description may share with the page: names and phrases, never a sentence. */
const LONGEST_SHARED_RUN = 7;

/** Every run of `length` consecutive words, lowercased and without punctuation. */
function runsOf(text: string, length: number): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}&]+/gu) ?? [];
  return words.slice(0, Math.max(0, words.length - length + 1)).map((_, index) => words.slice(index, index + length).join(" "));
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** An ISO 8601 year, year-month or date as the page writes dates: `2007`, `September 2019`, `23 September 2019`. */
function asThePageWritesIt(date: string): string {
  const [year, month, day] = date.split("-");
  return [day && String(Number(day)), month && MONTHS[Number(month) - 1], year].filter(Boolean).join(" ");
}

function closenessIn(text: string): Closeness | null {
  return CLOSENESS_WORDS.find(([, words]) => words.test(text))?.[0] ?? null;
}

function qualifiersIn(text: string): RelationshipQualifier[] {
  return (Object.entries(QUALIFIER_WORDS) as [RelationshipQualifier, RegExp][])
    .filter(([, words]) => words.test(text))
    .sort(([, a], [, b]) => text.search(a) - text.search(b))
    .map(([qualifier]) => qualifier);
}

const citing = (citation: Citation) => `${citation.section ?? "(above the first heading)"}: "${citation.quote}"`;

/** Every seeded fact with the words it cites. */
const citations: [string, Citation][] = [
  ...agencies.flatMap((agency): [string, Citation][] => [
    [`agency ${agency.slug}`, agency.source],
    ...(agency.kindSource ? [[`kind of ${agency.slug}`, agency.kindSource] as [string, Citation]] : []),
    ...(agency.jurisdictionSource ? [[`jurisdiction of ${agency.slug}`, agency.jurisdictionSource] as [string, Citation]] : []),
  ]),
  ...relationships.map((link): [string, Citation] => [`${link.from} ${link.kind} ${link.to}`, link.source]),
  ...articles.map((article): [string, Citation] => [`article ${article.slug}`, article.source]),
  ...claims.map((claim): [string, Citation] => [`claim ${claim.slug}`, claim.source]),
  ...assessments.map((assessment): [string, Citation] => [`threat level ${assessment.scope}`, assessment.source]),
  ...emergencyContacts.map((contact): [string, Citation] => [`contact ${contact.slug}`, contact.source]),
];

describe("the page as source data", () => {
  it("has each heading it declares as a line of its own, once, in order", () => {
    const lines = PAGE.split(/\r?\n/).map((line) => line.trim());
    const positions = WORKING_WITH_PARTNERS.headings.map((heading) => lines.indexOf(heading));
    for (const [index, heading] of WORKING_WITH_PARTNERS.headings.entries()) {
      expect(lines.filter((line) => line === heading), heading).toHaveLength(1);
      expect(positions[index], heading).toBeGreaterThan(index === 0 ? 0 : positions[index - 1]!);
    }
  });

  it("finds quotes only under the heading they name", () => {
    expect(citationProblem({ document: WORKING_WITH_PARTNERS.id, section: "Government departments", quote: "very closely" })).toMatch(/not in/);
    expect(citationProblem({ document: WORKING_WITH_PARTNERS.id, section: "Other intelligence agencies", quote: "very closely" })).toBeNull();
    expect(citationProblem({ document: WORKING_WITH_PARTNERS.id, section: null, quote: "SEVERE" })).toBeNull();
    expect(citationProblem({ document: WORKING_WITH_PARTNERS.id, section: "Latest News", quote: "Fact or Fiction?" })).toMatch(/not in/);
    expect(citationProblem({ document: WORKING_WITH_PARTNERS.id, section: "A police car", quote: "police" })).toMatch(/no heading/);
    expect(citationProblem({ document: "another-page", section: null, quote: "MI5" })).toMatch(/no source document/);
  });

  it("reads a gap in a quote as words left out, the parts in the page's order", () => {
    const section = "Government departments";
    expect(citationProblem({ document: WORKING_WITH_PARTNERS.id, section, quote: "strong links with … the Ministry of Defence" })).toBeNull();
    expect(citationProblem({ document: WORKING_WITH_PARTNERS.id, section, quote: "the Ministry of Defence … strong links with" })).toMatch(/after the words before it/);
  });
});

describe("every seeded fact", () => {
  it.each(citations)("%s quotes the page under the heading it names", (_label, citation) => {
    expect(citationProblem(citation), citing(citation)).toBeNull();
  });

  it.each(citations)("%s would fail the check if a word it quotes were not on the page", (_label, citation) => {
    // The check is not vacuous: the same citation with its last word changed is refused.
    const altered = { ...citation, quote: citation.quote.replace(/[\p{L}\p{N}]+(?=[^\p{L}\p{N}]*$)/u, "Xylophone") };
    expect(altered.quote, citing(citation)).not.toBe(citation.quote);
    expect(citationProblem(altered), citing(altered)).toMatch(/is not in/);
  });

  it.each(citations)("%s quotes a few words, not whole sentences", (_label, citation) => {
    expect(citation.quote.length, citing(citation)).toBeLessThanOrEqual(140);
    const sentences = sectionText(citation.document, citation.section)!.split(/(?<=[.?!])\s+/).map(normalised);
    for (const sentence of sentences.filter((candidate) => /[.?!]$/.test(candidate))) {
      expect(quoted(citation), citing(citation)).not.toBe(sentence);
    }
  });
});

describe("agencies", () => {
  const bySlug = (slug: string): AgencySeed => agencies.find((agency) => agency.slug === slug)!;

  it.each(agencies.map((agency) => [agency.slug]))("%s: its names are the ones the page uses", (slug) => {
    const agency = bySlug(slug);
    const words = quoted(agency.source);
    expect(words.toLowerCase(), citing(agency.source)).toContain(agency.name.toLowerCase());
    if (agency.shortName !== null) expect(hasWord(words, agency.shortName), citing(agency.source)).toBe(true);
    // A name in brackets after the name is the short name the page gives.
    const bracketed = /\(([^)]+)\)/.exec(words)?.[1] ?? null;
    if (bracketed !== null) expect(agency.shortName).toBe(bracketed);
  });

  it.each(agencies.map((agency) => [agency.slug]))("%s: its kind and jurisdiction are named in the words it cites", (slug) => {
    const agency = bySlug(slug);
    const kindSource = agency.kindSource ?? agency.source;
    const kindWords = KIND_WORDS[agency.kind];
    if (kindWords) expect(quotedWithHeading(kindSource), `${agency.kind}: ${citing(kindSource)}`).toMatch(kindWords);
    const jurisdictionSource = agency.jurisdictionSource ?? agency.source;
    if (agency.jurisdiction !== null) {
      expect(quoted(jurisdictionSource), `${agency.jurisdiction}: ${citing(jurisdictionSource)}`).toMatch(
        JURISDICTION_WORDS[agency.jurisdiction],
      );
    } else {
      expect(agency.jurisdictionSource, "a source for a jurisdiction that is not given").toBeUndefined();
    }
  });

  it("keeps names the page does not use only as aliases", () => {
    const aliases = agencies.flatMap((agency) => agency.aliases ?? []);
    expect(aliases.length).toBeGreaterThan(0);
    for (const alias of aliases) expect(hasWord(PAGE, alias), `"${alias}" is on the page`).toBe(false);
  });
});

describe("relationships", () => {
  it.each(relationships.map((link) => [`${link.from} ${link.kind} ${link.to}`, link] as const))(
    "%s: its kind, closeness, qualifiers, mutuality, status and date are in the words it cites",
    (_label, link) => {
      const words = quoted(link.source);
      const where = citing(link.source);
      if (link.kind === "PARTNER") {
        const partner = agencies.find((agency) => agency.slug === link.to)!;
        expect(words.toLowerCase(), where).toContain(partner.name.toLowerCase());
      } else {
        expect(words, where).toMatch(RELATIONSHIP_KIND_WORDS[link.kind]);
      }
      expect(link.closeness, where).toBe(closenessIn(words));
      expect(link.qualifiers, where).toEqual(qualifiersIn(words));
      expect(link.mutual, `mutual: ${where}`).toBe(MUTUAL_WORDS.test(words));
      expect(link.status === "SUSPENDED", where).toBe(/\bsuspended\b/.test(words));
      if (link.status === "SUSPENDED") {
        expect(link.suspensionReason, where).not.toBeNull();
        expect(words.toLowerCase(), where).toContain(link.suspensionReason!.toLowerCase());
      } else {
        expect(link.suspensionReason, where).toBeNull();
      }
      if (link.since === null) expect(words, where).not.toMatch(/\b\d{4}\b/);
      else expect(words, where).toContain(asThePageWritesIt(link.since));
    },
  );

  it("links MI5 to every partner the page names; The National Archives is named only in the news", () => {
    const partners = new Set(
      relationships.flatMap((link) => (link.from === "mi5" ? [link.to] : link.to === "mi5" ? [link.from] : [])),
    );
    const named = agencies.filter((agency) => agency.slug !== "mi5" && agency.source.section !== "Latest News");
    expect([...partners].sort()).toEqual(named.map((agency) => agency.slug).sort());
    expect(partners.size).toBe(18);
  });
});

describe("news", () => {
  /** A news item's text on the page: from its title to its "Read Full Article" link. */
  function itemText(title: string): string {
    const section = sectionText(WORKING_WITH_PARTNERS.id, "Latest News")!;
    const start = section.indexOf(title);
    return normalised(section.slice(start, section.indexOf("Read Full Article", start)));
  }

  it.each(articles.map((article) => [article.slug, article] as const))(
    "%s: its title, date, mentions and tags are the page's",
    (_slug, article) => {
      expect(quoted(article.source)).toBe(article.title);
      const text = itemText(article.title);
      if (article.publicationDate === null) expect(text).not.toMatch(/\b\d{4}\b/);
      else expect(article.title).toContain(asThePageWritesIt(article.publicationDate));
      for (const slug of article.mentions) {
        const agency = agencies.find((candidate) => candidate.slug === slug)!;
        const named = [agency.name, agency.shortName].filter((name) => name !== null).some((name) => hasWord(text, name!));
        expect(named, `${slug} in "${text}"`).toBe(true);
      }
      const words = text.toLowerCase().match(/\p{L}+/gu)!;
      for (const tag of article.tags) {
        // A tag is a word of the item, or the stem of one ("history" of "historical").
        expect(words.some((word) => word === tag || word.startsWith(tag.slice(0, -1))), tag).toBe(true);
      }
    },
  );

  it("gives the page's quiz statement word for word", () => {
    for (const claim of claims) expect(normalised(sectionText(claim.source.document, claim.source.section)!)).toContain(claim.statement);
  });
});

describe("the threat level and emergency contacts", () => {
  it("takes the level and scope from the banner", () => {
    for (const assessment of assessments) {
      const words = quoted(assessment.source);
      expect(hasWord(words, assessment.level)).toBe(true);
      expect(words.toLowerCase()).toContain(assessment.scope.toLowerCase().replace("_", " "));
      expect(assessment.since).toBeNull();
    }
  });

  it("takes each number, and its name where the page gives one, from the words it cites", () => {
    for (const contact of emergencyContacts) {
      const words = quoted(contact.source);
      expect(words).toContain(contact.phoneNumber);
      if (contact.name !== null) expect(words).toContain(contact.name);
    }
  });
});

describe("our own words", () => {
  const ownWords: [string, string][] = [
    ...agencies.flatMap((agency): [string, string][] => (agency.description ? [[`agency ${agency.slug}`, agency.description]] : [])),
    ...relationships.map((link): [string, string] => [`${link.from} ${link.kind} ${link.to}`, link.description]),
    ...articles.map((article): [string, string] => [`article ${article.slug}`, article.summary]),
    ...emergencyContacts.map((contact): [string, string] => [`contact ${contact.slug}`, contact.purpose]),
  ];
  const pageWords = new Set(PAGE.match(/[\p{L}\p{N}&-]+/gu)!.map((word) => word.replace(/'s$/, "")));
  const pageRuns = new Set(runsOf(PAGE, LONGEST_SHARED_RUN + 1));

  it.each(ownWords)("%s names no one and nothing, and gives no number, the page does not", (_label, text) => {
    // Capitalised words other than a sentence's first are names; with numbers, they must be on the page.
    const names = [...text.matchAll(/(?<![.:!?]\s|^)\b(\p{Lu}[\p{L}\p{N}&-]*|\p{N}+)/gu)].map((match) => match[1]!.replace(/'s$/, ""));
    for (const name of names) expect(pageWords, `"${name}" in "${text}"`).toContain(name);
  });

  it.each(ownWords)("%s copies no run of words from the page", (_label, text) => {
    for (const run of runsOf(text, LONGEST_SHARED_RUN + 1)) expect(pageRuns, `"${text}"`).not.toContain(run);
  });
});
