import type { Connection } from "../../platform/graphql/pagination.ts";
import type { Neighbourhood } from "./graph-store.ts";
import type { RelationshipRow } from "./relationship-store.ts";

/** This subgraph knows an agency by its id alone; the agencies subgraph has the rest. */
export type AgencyModel = { id: string };
export type RelationshipModel = RelationshipRow;
export type RelationshipConnectionModel = Connection<RelationshipRow>;
export type AgencyGraphModel = Neighbourhood;
