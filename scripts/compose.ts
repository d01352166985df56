import { writeFileSync } from "node:fs";
import { composeSupergraph, CompositionError } from "../gateway/compose.ts";
import { supergraphPath } from "../gateway/supergraph-file.ts";

try {
  writeFileSync(supergraphPath, composeSupergraph());
  console.log(`Wrote ${supergraphPath}`);
} catch (error) {
  if (!(error instanceof CompositionError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
