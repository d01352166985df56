import { inject } from "vitest";
import { startInMemoryInstancesFrom } from "../../platform/database/embedded-postgres.ts";
import { readDataDirDump } from "./database-templates.ts";

// Every embedded Postgres a test file starts, its own or one made inside
// the code under test (a migration's shadow database), starts from the
// run's freshly initialised data directory rather than initialising anew.
const templates = inject("databaseTemplates");
startInMemoryInstancesFrom(await readDataDirDump(templates.freshEmbedded));
