import {
  Closeness,
  RelationshipKind,
  RelationshipQualifier,
  RelationshipStatus,
} from "../../generated/prisma/enums.ts";
import { fromThePage, type Citation } from "../../source/citations.ts";

/** One link the "Working with partners" page states, between agencies named by slug. */
export interface RelationshipSeed {
  /** Agencies by slug; a unit test checks each is seeded. */
  readonly from: string;
  readonly to: string;
  readonly kind: RelationshipKind;
  /** The page's word for how close the link is; null where it gives none. */
  readonly closeness: Closeness | null;
  /** The page's other qualifiers of the link, in its order. */
  readonly qualifiers: readonly RelationshipQualifier[];
  readonly mutual: boolean;
  readonly status: RelationshipStatus;
  /** Why the work is suspended, in the page's words; null unless suspended. */
  readonly suspensionReason: string | null;
  /** ISO 8601 year, year-month or date; null when the page gives no date. */
  readonly since: string | null;
  /** What the link is, in our own words, saying no more than the page. */
  readonly description: string;
  /** The words that state the link, its closeness, qualifiers, status and date. */
  readonly source: Citation;
}

type Link = Pick<RelationshipSeed, "to" | "kind" | "description" | "source"> &
  Partial<Omit<RelationshipSeed, "to" | "kind" | "description" | "source">>;

function link({
  from = "mi5",
  closeness = null,
  qualifiers = [],
  mutual = false,
  status = RelationshipStatus.ACTIVE,
  suspensionReason = null,
  since = null,
  ...rest
}: Link): RelationshipSeed {
  return { from, closeness, qualifiers, mutual, status, suspensionReason, since, ...rest };
}

const GOVERNMENT_DEPARTMENTS = "Government departments";
const INTELLIGENCE_AGENCIES = "Other intelligence agencies";
const LAW_ENFORCEMENT = "Law enforcement agencies and the armed services";
const FOREIGN_SERVICES = "Foreign security and intelligence services";

/** The departments MI5 "has strong links with", in the page's order, with the page's name for each. */
const DEPARTMENTS_WITH_STRONG_LINKS = [
  ["fco", "the Foreign & Commonwealth Office"],
  ["cabinet-office", "the Cabinet Office"],
  ["nio", "the Northern Ireland Office"],
  ["bis", "the Department for Business, Innovation and Skills"],
  ["mod", "the Ministry of Defence"],
] as const;

/** The police "predominantly through" whom MI5's partnership with the police runs, in the page's order. */
const POLICE = [
  ["counter-terrorism-policing", "the national counter terrorist police network"],
  ["met", "Metropolitan Police"],
  ["psni", "Police Service of Northern Ireland (PSNI)"],
  ["police-scotland", "Police Scotland"],
  ["special-branches", "local force Special Branches"],
] as const;

/** The other national law enforcement agencies the page names. */
const OTHER_LAW_ENFORCEMENT = [
  ["nca", "the National Crime Agency"],
  ["border-force", "Border Force"],
] as const;

/**
 * One link of a kind to each of "the police and our other law enforcement
 * agency partners", in the page's order. The page says these facts of both
 * at once; `ofThePolice` tells which words to quote for the partner.
 */
function toPoliceAndLawEnforcement(make: (to: string, ofThePolice: boolean) => RelationshipSeed): RelationshipSeed[] {
  return [...POLICE.map(([to]) => make(to, true)), ...OTHER_LAW_ENFORCEMENT.map(([to]) => make(to, false))];
}

/**
 * Every link the page states, in the page's order. `from` is the agency the
 * page's sentence is about (MI5 in all but two), `to` the partner. Facts
 * (who, how closely, qualifiers, status, reason, dates) are the page's; the
 * descriptions are our own words.
 */
export const relationships: readonly RelationshipSeed[] = [
  // Government departments.
  link({
    to: "home-office",
    kind: RelationshipKind.WORKS_CLOSELY,
    closeness: Closeness.PARTICULARLY_CLOSE,
    mutual: true,
    description: "MI5's work with the Home Office is particularly close.",
    source: fromThePage(GOVERNMENT_DEPARTMENTS, "MI5 works particularly closely with the Home Office"),
  }),
  ...DEPARTMENTS_WITH_STRONG_LINKS.map(([to, name], index) =>
    link({
      to,
      kind: RelationshipKind.STRONG_LINKS,
      closeness: Closeness.STRONG_LINKS,
      mutual: true,
      description: "MI5 has strong links with this government department.",
      source: fromThePage(GOVERNMENT_DEPARTMENTS, index === 0 ? `strong links with ${name}` : `strong links with … ${name}`),
    }),
  ),
  link({
    to: "central-government",
    kind: RelationshipKind.PROTECTIVE_SECURITY_ADVICE,
    description: "MI5 gives every central government department and agency advice on protective security matters.",
    source: fromThePage(GOVERNMENT_DEPARTMENTS, "advise all central government departments and agencies on protective security matters"),
  }),

  // The other intelligence agencies.
  ...([
    ["sis", "the Secret Intelligence Service (SIS)"],
    ["gchq", "the Government Communications Headquarters (GCHQ)"],
  ] as const).flatMap(([to, name], index) => [
    link({
      to,
      kind: RelationshipKind.WORKS_CLOSELY,
      closeness: Closeness.VERY_CLOSE,
      mutual: true,
      description: "MI5 works very closely with this intelligence agency; their functions differ but are related.",
      source: fromThePage(INTELLIGENCE_AGENCIES, index === 0 ? `work very closely with both ${name}` : `work very closely with both … ${name}`),
    }),
    link({
      to,
      kind: RelationshipKind.MUTUAL_ASSISTANCE,
      qualifiers: [RelationshipQualifier.IN_MANY_AREAS],
      mutual: true,
      description:
        "In many areas the agencies assist one another, and MI5 promotes co-operation where one or both of the others can help it achieve a result more effectively.",
      source: fromThePage(INTELLIGENCE_AGENCIES, "many areas where we provide mutual assistance"),
    }),
    link({
      to,
      kind: RelationshipKind.INTELLIGENCE_CUSTOMER,
      qualifiers: [RelationshipQualifier.MAJOR],
      description:
        "MI5 is a major customer for the intelligence this agency produces where it bears on MI5's functions and adds to MI5's own collection.",
      source: fromThePage(INTELLIGENCE_AGENCIES, "a major customer for any intelligence they produce"),
    }),
  ]),
  // "We" on the page is the three agencies, each assisting the others.
  link({
    from: "sis",
    to: "gchq",
    kind: RelationshipKind.MUTUAL_ASSISTANCE,
    qualifiers: [RelationshipQualifier.IN_MANY_AREAS],
    mutual: true,
    description: "SIS and GCHQ, like MI5, have related functions and assist one another in many areas.",
    source: fromThePage(INTELLIGENCE_AGENCIES, "We each have different but related functions … many areas where we provide mutual assistance"),
  }),

  // The police and other law enforcement agencies.
  ...POLICE.map(([to, name], index) =>
    link({
      to,
      kind: RelationshipKind.WORKS_CLOSELY,
      closeness: Closeness.CLOSE_PARTNERSHIP,
      qualifiers: [RelationshipQualifier.PREDOMINANTLY],
      mutual: true,
      description:
        "MI5's close partnership with the police, across Great Britain and Northern Ireland, runs predominantly through this police body and the others listed with it.",
      source: fromThePage(
        LAW_ENFORCEMENT,
        index === 0
          ? `close partnership with the police … predominantly through ${name}`
          : `close partnership with the police … predominantly through … ${name}`,
      ),
    }),
  ),
  ...OTHER_LAW_ENFORCEMENT.map(([to, name], index) =>
    link({
      to,
      kind: RelationshipKind.WORKS_WITH,
      mutual: true,
      description: "MI5 works with this national law enforcement agency.",
      source: fromThePage(
        LAW_ENFORCEMENT,
        index === 0
          ? `work with other national law enforcement agencies including ${name}`
          : `work with other national law enforcement agencies including … ${name}`,
      ),
    }),
  ),
  ...toPoliceAndLawEnforcement((to, ofThePolice) =>
    link({
      to,
      kind: RelationshipKind.RECEIVES_HELP,
      qualifiers: [RelationshipQualifier.IN_MANY_AREAS],
      description: "MI5 receives help from this partner in many areas of its work.",
      source: fromThePage(
        LAW_ENFORCEMENT,
        ofThePolice
          ? "We receive help from the police … in many areas of our work"
          : "We receive help from … our other law enforcement agency partners in many areas of our work",
      ),
    }),
  ),
  ...toPoliceAndLawEnforcement((to) =>
    link({
      to,
      kind: RelationshipKind.INTELLIGENCE_ASSESSMENTS,
      description: "MI5 gives this partner information, and intelligence assessments about current threats.",
      source: fromThePage(LAW_ENFORCEMENT, "provide them with information and intelligence assessments on current threats"),
    }),
  ),
  ...toPoliceAndLawEnforcement((to) =>
    link({
      to,
      kind: RelationshipKind.JOINT_INVESTIGATIONS,
      closeness: Closeness.CLOSE,
      mutual: true,
      description: "MI5 and this partner work closely together on investigations that may lead to criminal proceedings.",
      source: fromThePage(LAW_ENFORCEMENT, "collaborate closely with them on investigations that may result in criminal proceedings"),
    }),
  ),
  ...toPoliceAndLawEnforcement((to, ofThePolice) =>
    link({
      to,
      kind: RelationshipKind.SERIOUS_CRIME_SUPPORT,
      qualifiers: [RelationshipQualifier.UNIQUE],
      status: RelationshipStatus.SUSPENDED,
      suspensionReason: "Other operational priorities",
      description: "MI5 has given this partner unique support in the field of serious crime; that work is suspended for now.",
      source: fromThePage(
        LAW_ENFORCEMENT,
        ofThePolice
          ? "unique support to the police … in the field of serious crime … currently suspended due to other operational priorities"
          : "unique support to … other law enforcement agencies in the field of serious crime … currently suspended due to other operational priorities",
      ),
    }),
  ),
  link({
    to: "armed-services",
    kind: RelationshipKind.PARTNER,
    description: "Named among MI5's partners; the page says nothing more about the link.",
    source: fromThePage(LAW_ENFORCEMENT, "Law enforcement agencies and the armed services"),
  }),

  // Northern Ireland.
  link({
    to: "psni",
    kind: RelationshipKind.NORTHERN_IRELAND_INTELLIGENCE_LEAD,
    since: "2007",
    description:
      "In 2007 MI5 took the lead for national security intelligence work in Northern Ireland, which brought arrangements there into line with those in the rest of the UK.",
    source: fromThePage(LAW_ENFORCEMENT, "took lead responsibility for Northern Ireland's national security intelligence work during 2007"),
  }),
  link({
    from: "psni",
    to: "mi5",
    kind: RelationshipKind.NORTHERN_IRELAND_POLICE_RESPONSE,
    description:
      "The PSNI goes on giving the operational police response in Northern Ireland, countering terrorism and protecting the whole population.",
    source: fromThePage(LAW_ENFORCEMENT, "the PSNI, who continue to provide the operational police response"),
  }),

  // Foreign security and intelligence services.
  link({
    to: "foreign-intelligence-services",
    kind: RelationshipKind.WORKS_CLOSELY,
    closeness: Closeness.CLOSE,
    mutual: true,
    description:
      "MI5 works closely with its counterparts in other countries for the security of UK interests overseas; threats to key partners bear on the UK's national security too.",
    source: fromThePage(FOREIGN_SERVICES, "We work closely with our counterparts in other countries"),
  }),
  link({
    to: "sis",
    kind: RelationshipKind.RELIES_ON,
    qualifiers: [RelationshipQualifier.IN_MANY_AREAS, RelationshipQualifier.HEAVILY],
    description: "In many areas of its work MI5 relies heavily on the support of SIS.",
    source: fromThePage(FOREIGN_SERVICES, "In many areas of our work we rely heavily on the support of SIS"),
  }),
  link({
    to: "foreign-intelligence-services",
    kind: RelationshipKind.RELIES_ON,
    qualifiers: [RelationshipQualifier.IN_MANY_AREAS, RelationshipQualifier.HEAVILY],
    description: "In many areas of its work MI5 relies heavily on the assistance foreign security and intelligence services give.",
    source: fromThePage(FOREIGN_SERVICES, "In many areas of our work we rely heavily on … the assistance given by foreign security and intelligence services"),
  }),
];
