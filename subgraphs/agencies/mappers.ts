import type { Agency, AgencyAlias } from "../../generated/prisma/client.ts";
import type { Connection } from "../../platform/graphql/pagination.ts";

export type AgencyModel = Agency;
export type AgencyConnectionModel = Connection<Agency>;
export type AgencyAliasModel = AgencyAlias;
