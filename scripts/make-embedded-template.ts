import { runMain } from "../platform/cli.ts";
import { makeEmbeddedTemplate } from "../supergraph/embedded-template.ts";

// Makes the data directory a new embedded database is copied from (see
// supergraph/embedded-template.ts). Runs after every install.

runMain(async () => {
  console.log(`Embedded Postgres's template is ${(await makeEmbeddedTemplate()).seeded}`);
});
