import { AgencyKind, Jurisdiction } from "../../generated/prisma/enums.ts";
import { fromThePage, type Citation } from "../../source/citations.ts";

/**
 * One organisation from the "Working with partners" page, as stored. Every
 * value is the page's, or null where the page gives none; the unit test
 * test/unit/source-fidelity.test.ts holds each to the words it cites.
 */
export interface AgencySeed {
  readonly slug: string;
  /** The name the page uses. */
  readonly name: string;
  /** The abbreviation the page uses, in brackets after the name or on its own. */
  readonly shortName: string | null;
  readonly kind: AgencyKind;
  readonly jurisdiction: Jurisdiction | null;
  /** What the page says the organisation is or does, in our own words; null when it says nothing. */
  readonly description: string | null;
  /** The words that name the organisation: its `name` and `shortName` are in them. */
  readonly source: Citation;
  /** The words that give the kind, where `source` does not: the kind is named in them or in their heading. */
  readonly kindSource?: Citation;
  /** The words that give the jurisdiction, where `source` does not: the place is named in them. */
  readonly jurisdictionSource?: Citation;
  /** Common names the page does not use, kept apart from the page's facts. */
  readonly aliases?: readonly string[];
}

const GOVERNMENT_DEPARTMENTS = "Government departments";
const INTELLIGENCE_AGENCIES = "Other intelligence agencies";
const LAW_ENFORCEMENT = "Law enforcement agencies and the armed services";
const FOREIGN_SERVICES = "Foreign security and intelligence services";

const OTHER_AGENCY = "An intelligence agency whose functions are not the same as MI5's but are related to them.";
const NATIONAL_LAW_ENFORCEMENT_AGENCY = "One of the other national law enforcement agencies MI5 works with.";

/**
 * Every organisation the page names. Slugs are part of the public contract:
 * never rename one, even where the page's name for the organisation differs
 * from the one the slug was made from.
 */
export const agencies: readonly AgencySeed[] = [
  {
    slug: "mi5",
    name: "MI5",
    shortName: "MI5",
    kind: AgencyKind.INTELLIGENCE_AGENCY,
    jurisdiction: Jurisdiction.UNITED_KINGDOM,
    description:
      "Charged with protecting the UK's national security, which may be threatened at home and overseas. In 2007 it took lead responsibility for national security intelligence work in Northern Ireland.",
    source: fromThePage(GOVERNMENT_DEPARTMENTS, "MI5 works particularly closely"),
    kindSource: fromThePage(INTELLIGENCE_AGENCIES, "one or both of the other agencies"),
    jurisdictionSource: fromThePage(LAW_ENFORCEMENT, "bringing Northern Ireland arrangements into line with the rest of the UK"),
    aliases: ["Security Service"],
  },
  {
    slug: "sis",
    name: "Secret Intelligence Service",
    shortName: "SIS",
    kind: AgencyKind.INTELLIGENCE_AGENCY,
    jurisdiction: null,
    description: OTHER_AGENCY,
    source: fromThePage(INTELLIGENCE_AGENCIES, "the Secret Intelligence Service (SIS)"),
    aliases: ["MI6"],
  },
  {
    slug: "gchq",
    name: "Government Communications Headquarters",
    shortName: "GCHQ",
    kind: AgencyKind.INTELLIGENCE_AGENCY,
    jurisdiction: null,
    description: OTHER_AGENCY,
    source: fromThePage(INTELLIGENCE_AGENCIES, "the Government Communications Headquarters (GCHQ)"),
  },
  {
    slug: "home-office",
    name: "Home Office",
    shortName: null,
    kind: AgencyKind.GOVERNMENT_DEPARTMENT,
    jurisdiction: null,
    description: null,
    source: fromThePage(GOVERNMENT_DEPARTMENTS, "the Home Office"),
  },
  {
    slug: "fco",
    name: "Foreign & Commonwealth Office",
    shortName: null,
    kind: AgencyKind.GOVERNMENT_DEPARTMENT,
    jurisdiction: null,
    description: null,
    source: fromThePage(GOVERNMENT_DEPARTMENTS, "the Foreign & Commonwealth Office"),
    aliases: ["FCO"],
  },
  {
    slug: "cabinet-office",
    name: "Cabinet Office",
    shortName: null,
    kind: AgencyKind.GOVERNMENT_DEPARTMENT,
    jurisdiction: null,
    description: null,
    source: fromThePage(GOVERNMENT_DEPARTMENTS, "the Cabinet Office"),
  },
  {
    slug: "nio",
    name: "Northern Ireland Office",
    shortName: null,
    kind: AgencyKind.GOVERNMENT_DEPARTMENT,
    jurisdiction: null,
    description: null,
    source: fromThePage(GOVERNMENT_DEPARTMENTS, "the Northern Ireland Office"),
    aliases: ["NIO"],
  },
  {
    slug: "bis",
    name: "Department for Business, Innovation and Skills",
    shortName: null,
    kind: AgencyKind.GOVERNMENT_DEPARTMENT,
    jurisdiction: null,
    description: null,
    source: fromThePage(GOVERNMENT_DEPARTMENTS, "the Department for Business, Innovation and Skills"),
    aliases: ["BIS"],
  },
  {
    slug: "mod",
    name: "Ministry of Defence",
    shortName: null,
    kind: AgencyKind.GOVERNMENT_DEPARTMENT,
    jurisdiction: null,
    description: null,
    source: fromThePage(GOVERNMENT_DEPARTMENTS, "the Ministry of Defence"),
    aliases: ["MOD"],
  },
  {
    slug: "central-government",
    name: "Central government departments and agencies",
    shortName: null,
    kind: AgencyKind.GOVERNMENT_DEPARTMENT,
    jurisdiction: null,
    description: "Every central government department and agency, taken together as one partner.",
    source: fromThePage(GOVERNMENT_DEPARTMENTS, "all central government departments and agencies"),
  },
  {
    slug: "counter-terrorism-policing",
    name: "National counter terrorist police network",
    shortName: null,
    kind: AgencyKind.POLICE_FORCE,
    jurisdiction: null,
    description: null,
    source: fromThePage(LAW_ENFORCEMENT, "the national counter terrorist police network"),
    aliases: ["Counter Terrorism Policing", "CTP"],
  },
  {
    slug: "met",
    name: "Metropolitan Police",
    shortName: null,
    kind: AgencyKind.POLICE_FORCE,
    jurisdiction: null,
    description: null,
    source: fromThePage(LAW_ENFORCEMENT, "Metropolitan Police"),
    aliases: ["Metropolitan Police Service", "Met"],
  },
  {
    slug: "psni",
    name: "Police Service of Northern Ireland",
    shortName: "PSNI",
    kind: AgencyKind.POLICE_FORCE,
    jurisdiction: Jurisdiction.NORTHERN_IRELAND,
    description:
      "Gives the operational police response to terrorism in Northern Ireland, where it protects the whole population.",
    source: fromThePage(LAW_ENFORCEMENT, "Police Service of Northern Ireland (PSNI)"),
  },
  {
    slug: "police-scotland",
    name: "Police Scotland",
    shortName: null,
    kind: AgencyKind.POLICE_FORCE,
    jurisdiction: Jurisdiction.SCOTLAND,
    description: null,
    source: fromThePage(LAW_ENFORCEMENT, "Police Scotland"),
  },
  {
    slug: "special-branches",
    name: "Local force Special Branches",
    shortName: null,
    kind: AgencyKind.POLICE_FORCE,
    jurisdiction: null,
    description: null,
    source: fromThePage(LAW_ENFORCEMENT, "local force Special Branches"),
  },
  {
    slug: "nca",
    name: "National Crime Agency",
    shortName: null,
    kind: AgencyKind.LAW_ENFORCEMENT_AGENCY,
    jurisdiction: null,
    description: NATIONAL_LAW_ENFORCEMENT_AGENCY,
    source: fromThePage(LAW_ENFORCEMENT, "other national law enforcement agencies including the National Crime Agency"),
    aliases: ["NCA"],
  },
  {
    slug: "border-force",
    name: "Border Force",
    shortName: null,
    kind: AgencyKind.LAW_ENFORCEMENT_AGENCY,
    jurisdiction: null,
    description: NATIONAL_LAW_ENFORCEMENT_AGENCY,
    source: fromThePage(LAW_ENFORCEMENT, "other national law enforcement agencies including … Border Force"),
  },
  {
    slug: "armed-services",
    name: "Armed services",
    shortName: null,
    kind: AgencyKind.ARMED_SERVICE,
    jurisdiction: null,
    description: null,
    source: fromThePage(LAW_ENFORCEMENT, "the armed services"),
  },
  {
    slug: "foreign-intelligence-services",
    name: "Foreign security and intelligence services",
    shortName: null,
    kind: AgencyKind.FOREIGN_SERVICE,
    jurisdiction: Jurisdiction.OVERSEAS,
    description: "The security and intelligence services of other countries: MI5's counterparts abroad.",
    source: fromThePage(FOREIGN_SERVICES, "the assistance given by foreign security and intelligence services"),
  },
  {
    slug: "national-archives",
    name: "The National Archives",
    shortName: null,
    kind: AgencyKind.OTHER,
    jurisdiction: null,
    description: "Where MI5 has released a batch of its historical files, which can now be viewed there.",
    source: fromThePage("Latest News", "to The National Archives"),
    aliases: ["TNA"],
  },
];
