import { AgencyKind, Jurisdiction } from "../../generated/prisma/enums.ts";

/** One organisation from the "Working with partners" page, as stored. */
export interface AgencySeed {
  readonly slug: string;
  readonly name: string;
  readonly shortName: string | null;
  readonly kind: AgencyKind;
  readonly jurisdiction: Jurisdiction;
  readonly description: string;
}

/**
 * Every organisation the page names. Slugs are part of the public contract:
 * never rename one.
 */
export const agencies = [
  {
    slug: "mi5",
    name: "Security Service",
    shortName: "MI5",
    kind: AgencyKind.INTELLIGENCE_AGENCY,
    jurisdiction: Jurisdiction.UNITED_KINGDOM,
    description:
      "The UK's domestic security intelligence agency, responsible for protecting national security against threats at home and to UK interests abroad. Since 2007 it has also led national security intelligence work in Northern Ireland.",
  },
  {
    slug: "sis",
    name: "Secret Intelligence Service",
    shortName: "SIS",
    kind: AgencyKind.INTELLIGENCE_AGENCY,
    jurisdiction: Jurisdiction.UNITED_KINGDOM,
    description:
      "The UK's foreign intelligence agency, commonly known as MI6, which gathers secret intelligence overseas. MI5 depends on its support in many areas and uses the intelligence it collects.",
  },
  {
    slug: "gchq",
    name: "Government Communications Headquarters",
    shortName: "GCHQ",
    kind: AgencyKind.INTELLIGENCE_AGENCY,
    jurisdiction: Jurisdiction.UNITED_KINGDOM,
    description:
      "The UK's signals intelligence and information assurance agency. Its functions differ from MI5's but are related, and the two agencies regularly assist one another.",
  },
  {
    slug: "home-office",
    name: "Home Office",
    shortName: null,
    kind: AgencyKind.GOVERNMENT_DEPARTMENT,
    jurisdiction: Jurisdiction.UNITED_KINGDOM,
    description:
      "The government department responsible for security, policing, immigration and borders. It is the department MI5 works with most closely.",
  },
  {
    slug: "fco",
    name: "Foreign & Commonwealth Office",
    shortName: "FCO",
    kind: AgencyKind.GOVERNMENT_DEPARTMENT,
    jurisdiction: Jurisdiction.UNITED_KINGDOM,
    description:
      "The government department that conducted the UK's foreign policy and diplomatic relations, and the department to which SIS and GCHQ answer. It merged into the Foreign, Commonwealth & Development Office in 2020.",
  },
  {
    slug: "cabinet-office",
    name: "Cabinet Office",
    shortName: null,
    kind: AgencyKind.GOVERNMENT_DEPARTMENT,
    jurisdiction: Jurisdiction.UNITED_KINGDOM,
    description:
      "The department that supports the Prime Minister and the Cabinet and coordinates work across government, including national security policy.",
  },
  {
    slug: "nio",
    name: "Northern Ireland Office",
    shortName: "NIO",
    kind: AgencyKind.GOVERNMENT_DEPARTMENT,
    jurisdiction: Jurisdiction.NORTHERN_IRELAND,
    description:
      "The UK government department for Northern Ireland affairs, including matters of national security there that are not devolved.",
  },
  {
    slug: "bis",
    name: "Department for Business, Innovation and Skills",
    shortName: "BIS",
    kind: AgencyKind.GOVERNMENT_DEPARTMENT,
    jurisdiction: Jurisdiction.UNITED_KINGDOM,
    description:
      "The government department for business, trade, science and further education, which also oversaw export controls. It was replaced in 2016 by the Department for Business, Energy and Industrial Strategy.",
  },
  {
    slug: "mod",
    name: "Ministry of Defence",
    shortName: "MOD",
    kind: AgencyKind.GOVERNMENT_DEPARTMENT,
    jurisdiction: Jurisdiction.UNITED_KINGDOM,
    description:
      "The government department that runs the UK's defence policy and the armed services.",
  },
  {
    slug: "central-government",
    name: "Central government departments and agencies",
    shortName: null,
    kind: AgencyKind.GOVERNMENT_DEPARTMENT,
    jurisdiction: Jurisdiction.UNITED_KINGDOM,
    description:
      "The departments and agencies of UK central government as a whole, all of which MI5 advises on protecting their people, premises and information.",
  },
  {
    slug: "counter-terrorism-policing",
    name: "Counter Terrorism Policing",
    shortName: "CTP",
    kind: AgencyKind.POLICE_FORCE,
    jurisdiction: Jurisdiction.UNITED_KINGDOM,
    description:
      "The national network of police counter-terrorism units, drawn from forces across the country. It is the main route through which MI5 works with the police.",
  },
  {
    slug: "met",
    name: "Metropolitan Police Service",
    shortName: "Met",
    kind: AgencyKind.POLICE_FORCE,
    jurisdiction: Jurisdiction.LONDON,
    description:
      "The territorial police force for Greater London, and the largest in the UK. It also hosts national policing functions, counter-terrorism among them.",
  },
  {
    slug: "psni",
    name: "Police Service of Northern Ireland",
    shortName: "PSNI",
    kind: AgencyKind.POLICE_FORCE,
    jurisdiction: Jurisdiction.NORTHERN_IRELAND,
    description:
      "The police force for Northern Ireland. While MI5 leads national security intelligence work there, the PSNI remains responsible for the operational police response to terrorism.",
  },
  {
    slug: "police-scotland",
    name: "Police Scotland",
    shortName: null,
    kind: AgencyKind.POLICE_FORCE,
    jurisdiction: Jurisdiction.SCOTLAND,
    description:
      "The single national police force for Scotland, formed in 2013 from the eight former regional forces.",
  },
  {
    slug: "special-branches",
    name: "Special Branches",
    shortName: null,
    kind: AgencyKind.POLICE_FORCE,
    jurisdiction: Jurisdiction.ENGLAND_AND_WALES,
    description:
      "The Special Branch units of local police forces, which handle security intelligence within their own force areas and work alongside MI5.",
  },
  {
    slug: "nca",
    name: "National Crime Agency",
    shortName: "NCA",
    kind: AgencyKind.LAW_ENFORCEMENT_AGENCY,
    jurisdiction: Jurisdiction.UNITED_KINGDOM,
    description:
      "The UK-wide law enforcement agency that leads the fight against serious and organised crime.",
  },
  {
    slug: "border-force",
    name: "Border Force",
    shortName: null,
    kind: AgencyKind.LAW_ENFORCEMENT_AGENCY,
    jurisdiction: Jurisdiction.UNITED_KINGDOM,
    description:
      "The Home Office's law enforcement command that carries out immigration and customs checks at UK ports and airports.",
  },
  {
    slug: "armed-services",
    name: "Armed services",
    shortName: null,
    kind: AgencyKind.ARMED_SERVICE,
    jurisdiction: Jurisdiction.UNITED_KINGDOM,
    description:
      "The UK's armed forces: the Royal Navy, the British Army and the Royal Air Force, under the Ministry of Defence.",
  },
  {
    slug: "foreign-intelligence-services",
    name: "Foreign security and intelligence services",
    shortName: null,
    kind: AgencyKind.FOREIGN_SERVICE,
    jurisdiction: Jurisdiction.OVERSEAS,
    description:
      "The security and intelligence agencies of other countries. MI5 cooperates with them to protect UK interests abroad, since threats to partner nations also bear on UK security.",
  },
  {
    slug: "national-archives",
    name: "The National Archives",
    shortName: "TNA",
    kind: AgencyKind.OTHER,
    jurisdiction: Jurisdiction.UNITED_KINGDOM,
    description:
      "The official archive of the UK government, which keeps public records and makes them available to view. MI5 transfers its historical files there in periodic releases.",
  },
] as const satisfies readonly AgencySeed[];

export type AgencySlug = (typeof agencies)[number]["slug"];
