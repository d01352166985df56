import {
  Closeness,
  RelationshipKind,
  RelationshipStatus,
} from "../../generated/prisma/enums.ts";

/** One link the "Working with partners" page states, between agencies named by slug. */
export interface RelationshipSeed {
  /** Agencies by slug; a unit test checks each is seeded. */
  readonly from: string;
  readonly to: string;
  readonly kind: RelationshipKind;
  readonly closeness: Closeness | null;
  readonly mutual: boolean;
  readonly status: RelationshipStatus;
  /** ISO 8601 year, year-month or date; null when the page gives no date. */
  readonly since: string | null;
  readonly description: string;
}

type Link = Omit<RelationshipSeed, "from" | "closeness" | "mutual" | "status" | "since"> &
  Partial<Pick<RelationshipSeed, "from" | "closeness" | "mutual" | "status" | "since">>;

function link({ from = "mi5", closeness = null, mutual = false, status = RelationshipStatus.ACTIVE, since = null, ...rest }: Link): RelationshipSeed {
  return { from, closeness, mutual, status, since, ...rest };
}

const DEPARTMENTS_WITH_STRONG_LINKS = ["fco", "cabinet-office", "nio", "bis", "mod"] as const;

/** The police through whom MI5's partnership with the police mainly runs, as the page lists them. */
const POLICE = ["counter-terrorism-policing", "met", "psni", "police-scotland", "special-branches"] as const;

/** The other national law enforcement agencies the page names. */
const OTHER_LAW_ENFORCEMENT = ["nca", "border-force"] as const;

const POLICE_AND_LAW_ENFORCEMENT = [...POLICE, ...OTHER_LAW_ENFORCEMENT];

/**
 * Every link the page states, in the page's order. `from` is the agency the
 * page's sentence is about (MI5 in all but two), `to` the partner. Facts
 * (who, how closely, status, dates) are the page's; the descriptions are
 * our own words.
 */
export const relationships: readonly RelationshipSeed[] = [
  // Government departments.
  link({
    to: "home-office",
    kind: RelationshipKind.WORKS_CLOSELY,
    closeness: Closeness.PARTICULARLY_CLOSE,
    mutual: true,
    description: "MI5 works more closely with the Home Office than with any other government department.",
  }),
  ...DEPARTMENTS_WITH_STRONG_LINKS.map((to) =>
    link({
      to,
      kind: RelationshipKind.STRONG_LINKS,
      closeness: Closeness.STRONG_LINKS,
      mutual: true,
      description: "MI5 keeps strong links with this government department.",
    }),
  ),
  link({
    to: "central-government",
    kind: RelationshipKind.PROTECTIVE_SECURITY_ADVICE,
    description: "MI5 advises every central government department and agency on protecting its people, premises and information.",
  }),

  // The other intelligence agencies.
  ...(["sis", "gchq"] as const).flatMap((to) => [
    link({
      to,
      kind: RelationshipKind.WORKS_CLOSELY,
      closeness: Closeness.VERY_CLOSE,
      mutual: true,
      description: "MI5 works very closely with this fellow intelligence agency, whose functions differ from its own but are related.",
    }),
    link({
      to,
      kind: RelationshipKind.MUTUAL_ASSISTANCE,
      mutual: true,
      description: "In many areas the two agencies assist one another, and MI5 encourages joint work where one agency's help gets a better result.",
    }),
    link({
      to,
      kind: RelationshipKind.INTELLIGENCE_CUSTOMER,
      description: "MI5 is a major user of the intelligence this agency produces that bears on MI5's functions, adding to what MI5 collects itself.",
    }),
  ]),
  // "We" on the page is the three agencies, each assisting the others.
  link({
    from: "sis",
    to: "gchq",
    kind: RelationshipKind.MUTUAL_ASSISTANCE,
    mutual: true,
    description: "SIS and GCHQ, like MI5, have related functions and assist one another in many areas.",
  }),

  // The police and other law enforcement agencies.
  ...POLICE.map((to) =>
    link({
      to,
      kind: RelationshipKind.WORKS_CLOSELY,
      closeness: Closeness.CLOSE_PARTNERSHIP,
      mutual: true,
      description: "One of the police bodies through which MI5's close partnership with the police in Great Britain and Northern Ireland mainly runs.",
    }),
  ),
  ...OTHER_LAW_ENFORCEMENT.map((to) =>
    link({
      to,
      kind: RelationshipKind.WORKS_WITH,
      mutual: true,
      description: "MI5 works with this national law enforcement agency.",
    }),
  ),
  ...POLICE_AND_LAW_ENFORCEMENT.map((to) =>
    link({
      to,
      kind: RelationshipKind.RECEIVES_HELP,
      description: "MI5 gets help from this law enforcement partner in many areas of its work.",
    }),
  ),
  ...POLICE_AND_LAW_ENFORCEMENT.map((to) =>
    link({
      to,
      kind: RelationshipKind.INTELLIGENCE_ASSESSMENTS,
      description: "MI5 passes this partner information and assessments of the threats it currently faces.",
    }),
  ),
  ...POLICE_AND_LAW_ENFORCEMENT.map((to) =>
    link({
      to,
      kind: RelationshipKind.JOINT_INVESTIGATIONS,
      closeness: Closeness.CLOSE,
      mutual: true,
      description: "MI5 and this partner work together closely on investigations that may end in criminal prosecutions.",
    }),
  ),
  ...POLICE_AND_LAW_ENFORCEMENT.map((to) =>
    link({
      to,
      kind: RelationshipKind.SERIOUS_CRIME_SUPPORT,
      status: RelationshipStatus.SUSPENDED,
      description: "MI5 has given this partner support against serious crime that no one else could, but the work is on hold while other operational priorities come first.",
    }),
  ),

  // Northern Ireland.
  link({
    to: "psni",
    kind: RelationshipKind.NORTHERN_IRELAND_INTELLIGENCE_LEAD,
    since: "2007",
    description: "MI5 has led national security intelligence work in Northern Ireland since 2007, as it does in the rest of the UK, in close partnership with the PSNI.",
  }),
  link({
    from: "psni",
    to: "mi5",
    kind: RelationshipKind.NORTHERN_IRELAND_POLICE_RESPONSE,
    description: "The PSNI still delivers the operational police response to terrorism, protecting everyone in Northern Ireland, while MI5 leads the intelligence work.",
  }),

  // Foreign security and intelligence services.
  link({
    to: "foreign-intelligence-services",
    kind: RelationshipKind.WORKS_CLOSELY,
    closeness: Closeness.CLOSE,
    mutual: true,
    description: "MI5 works closely with its counterparts abroad to keep UK interests overseas secure, since threats to key partners bear on UK security too.",
  }),
  link({
    to: "sis",
    kind: RelationshipKind.RELIES_ON,
    description: "In many areas of its work MI5 depends heavily on the support of SIS.",
  }),
  link({
    to: "foreign-intelligence-services",
    kind: RelationshipKind.RELIES_ON,
    description: "In many areas of its work MI5 depends heavily on the help of foreign security and intelligence services.",
  }),
];
