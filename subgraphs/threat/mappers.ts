import type { EmergencyContact, ThreatAssessment } from "../../generated/prisma/client.ts";
import type { Connection } from "../../platform/graphql/pagination.ts";

export type ThreatAssessmentModel = ThreatAssessment;
export type ThreatAssessmentConnectionModel = Connection<ThreatAssessment>;
export type EmergencyContactModel = EmergencyContact;
