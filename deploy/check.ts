import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import { generateKeyPairSync } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { validateManifests } from "./validate-manifests.ts";

// Renders the Kubernetes base and every overlay with `kubectl kustomize`
// (offline), and checks what each renders with validate-manifests.ts.
// Overlays get throwaway secrets: their example files, and a new key.

const kubernetes = fileURLToPath(new URL("kubernetes/", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "liaison-kubernetes-"));
let failed = false;
try {
  cpSync(kubernetes, scratch, { recursive: true });
  const overlays = readdirSync(join(scratch, "overlays")).map((name) => `overlays/${name}`);
  for (const target of ["base", ...overlays]) {
    const folder = join(scratch, target);
    withThrowawaySecrets(folder);
    const rendered = spawnSync("kubectl", ["kustomize", folder], { encoding: "utf8" });
    if (rendered.error || rendered.status !== 0) {
      console.error(`${target}: kubectl kustomize failed: ${rendered.error?.message ?? rendered.stderr.trim()}`);
      failed = true;
      continue;
    }
    const problems = await validateManifests(rendered.stdout);
    const count = rendered.stdout.split(/^---$/m).length;
    if (problems.length) {
      failed = true;
      console.error(`${target}: ${problems.length} problems in ${count} objects:\n  ${problems.join("\n  ")}`);
    } else {
      console.log(`${target}: ${count} objects valid`);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;

function withThrowawaySecrets(folder: string): void {
  for (const example of readdirSync(folder).filter((name) => name.endsWith(".example"))) {
    copyFileSync(join(folder, example), join(folder, example.slice(0, -".example".length)));
  }
  if (existsSync(join(folder, "kustomization.yaml")) && !existsSync(join(folder, "gateway-signing-key.pem"))) {
    const { privateKey } = generateKeyPairSync("ed25519");
    writeFileSync(join(folder, "gateway-signing-key.pem"), privateKey.export({ type: "pkcs8", format: "pem" }));
  }
}
