import { ThreatLevel, ThreatScope } from "../../generated/prisma/enums.ts";

/** One threat level assessment, as stored. */
export interface AssessmentSeed {
  /** Fixed, so that seeding again finds the row rather than adding one. */
  readonly id: string;
  readonly scope: ThreatScope;
  readonly level: ThreatLevel;
  /** When the level took effect; null when the page does not say. */
  readonly since: Date | null;
}

/** One number the page gives to call, as stored. */
export interface EmergencyContactSeed {
  readonly slug: string;
  readonly name: string;
  readonly phoneNumber: string;
  readonly purpose: string;
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
  },
];

/**
 * The numbers at the top of the page, in its order. Numbers are the page's;
 * purposes are our own words.
 */
export const emergencyContacts = [
  {
    slug: "emergency-999",
    name: "Emergency services",
    phoneNumber: "999",
    purpose: "Report an imminent threat: when life is in danger or an attack may be about to happen, the emergency services respond at once.",
  },
  {
    slug: "anti-terrorist-hotline",
    name: "Anti-Terrorist Hotline",
    phoneNumber: "0800 789 321",
    purpose:
      "Report an imminent threat, or suspicious activity that may be connected with terrorism, in confidence.",
  },
] as const satisfies readonly EmergencyContactSeed[];
