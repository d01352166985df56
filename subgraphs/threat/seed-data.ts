import { ThreatLevel, ThreatScope } from "../../generated/prisma/enums.ts";
import { fromThePage, type Citation } from "../../source/citations.ts";

/** One threat level assessment, as stored. */
export interface AssessmentSeed {
  /** Fixed, so that seeding again finds the row rather than adding one. */
  readonly id: string;
  readonly scope: ThreatScope;
  readonly level: ThreatLevel;
  /** When the level took effect; null when the page does not say. */
  readonly since: Date | null;
  /** The words that give the scope and level. */
  readonly source: Citation;
}

/** One number the page gives to call, as stored. */
export interface EmergencyContactSeed {
  readonly slug: string;
  /** Whom the number reaches, as the page names it; null when it gives the number alone. */
  readonly name: string | null;
  readonly phoneNumber: string;
  /** What the page says the number is for, in our own words. */
  readonly purpose: string;
  /** The words that give the number, its name and what it is for. */
  readonly source: Citation;
}

/**
 * The page's "Current national threat level: SEVERE". The page does not say
 * since when, so `since` is null; it gives no Northern Ireland level, so none
 * is seeded.
 */
export const assessments: readonly AssessmentSeed[] = [
  {
    id: "019ac6a5-5b3c-7e2a-9c41-6d1f0a7b2e10",
    scope: ThreatScope.NATIONAL,
    level: ThreatLevel.SEVERE,
    since: null,
    source: fromThePage(null, "Current national threat level: SEVERE"),
  },
];

const REPORT_AN_IMMINENT_THREAT = "Reporting an imminent threat.";

/**
 * The numbers at the top of the page, in its order. Numbers and names are
 * the page's; purposes are our own words. The page gives 999 without a
 * name, and both numbers for the one purpose.
 */
export const emergencyContacts = [
  {
    slug: "emergency-999",
    name: null,
    phoneNumber: "999",
    purpose: REPORT_AN_IMMINENT_THREAT,
    source: fromThePage(null, "To report an imminent threat call 999"),
  },
  {
    slug: "anti-terrorist-hotline",
    name: "Anti-Terrorist Hotline",
    phoneNumber: "0800 789 321",
    purpose: REPORT_AN_IMMINENT_THREAT,
    source: fromThePage(null, "To report an imminent threat … ring the Anti-Terrorist Hotline on 0800 789 321"),
  },
] as const satisfies readonly EmergencyContactSeed[];
