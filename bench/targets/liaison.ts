import { runChild } from "../child.ts";
import { serveLiaisonGateway } from "./liaison-gateway.ts";

// Liaison's gateway; with --cached, its response cache on, checking the
// change feed's latest sequence before each answer from memory.
runChild(() => serveLiaisonGateway("checked"));
