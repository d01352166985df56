import { runChild } from "../child.ts";
import { serveLiaisonGateway } from "./liaison-gateway.ts";

// Liaison's gateway with its response cache trusting change notifications
// alone (no check of the feed's latest sequence): what the check costs.
runChild(() => serveLiaisonGateway("notified"));
