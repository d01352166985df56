import { CompositionError } from "../supergraph/compose.ts";
import { writeDerivedFiles } from "../supergraph/derived-files.ts";

// Recomposes the supergraph and rewrites every other file derived from the
// registry (supergraph/registry.ts).

try {
  const written = writeDerivedFiles();
  console.log(written.length ? `Wrote ${written.join(", ")}` : "Every derived file is up to date.");
} catch (error) {
  if (!(error instanceof CompositionError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
