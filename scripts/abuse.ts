import { writeFileSync } from "node:fs";
import { mintDevelopmentToken } from "../platform/auth/development-token.ts";
import { runMain } from "../platform/cli.ts";
import { readAuthSettings } from "../platform/config.ts";
import { ATTACKS } from "./abuse/attacks.ts";
import { measureAttack, warmUp, type AttackResult } from "./abuse/measure.ts";
import { startSingleProcess, startSplitDeployment, type Stack } from "./abuse/stack.ts";

// Attacks a running Liaison the way a caller with a reader's token could:
// `npm run abuse [-- --single | --split] [--copies 3] [--write docs/abuse-results.md]`.
// Starts `npm start`'s single process (embedded Postgres) and the split
// deployment (a process per server, on DATABASE_URL's server; skipped
// without it), sends each attack `copies` times at once while a probe asks
// for the threat level, and prints what each got and what it cost the gateway.

const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};

runMain(async () => {
  const copies = Number(option("--copies") ?? 3);
  const modes = args.includes("--single") ? ["single"] : args.includes("--split") ? ["split"] : ["single", "split"];
  const token = await mintDevelopmentToken(readAuthSettings({}, "development"), { subject: "abuse", roles: ["reader"] });
  const sections: string[] = [];
  for (const mode of modes) {
    if (mode === "split" && !process.env.DATABASE_URL) {
      sections.push("## split deployment\n\nSkipped: set DATABASE_URL to a Postgres server to run it.\n");
      continue;
    }
    const stack: Stack = mode === "single" ? await startSingleProcess() : await startSplitDeployment(process.env.DATABASE_URL!);
    try {
      await warmUp(stack.url, token);
      const results: AttackResult[] = [];
      for (const attack of ATTACKS) {
        const result = await measureAttack(stack.url, stack.gatewayPid, attack, copies, token);
        results.push(result);
        console.error(`${stack.name}: ${attack.name}: ${result.statuses.join("/")} ${result.codes.join("/")} probe p99 ${result.probeP99Ms} ms`);
      }
      sections.push(table(stack.name, copies, results));
    } finally {
      await stack.stop();
    }
  }
  const report = sections.join("\n");
  console.log(report);
  const output = option("--write");
  if (output) writeFileSync(output, report);
});

function table(name: string, copies: number, results: readonly AttackResult[]): string {
  const rows = results.map((result) =>
    `| ${result.attack} | ${[...new Set(result.statuses)].join(", ")} | ${[...new Set(result.codes)].join(", ")} | ${result.seconds.toFixed(2)} | ${result.probeP99Ms} (${result.probes}${result.probeFailures ? `, ${result.probeFailures} failed` : ""}) | ${result.rssBeforeMb} / ${result.rssPeakMb} / ${result.rssAfterMb} |`,
  );
  return [
    `## ${name}`,
    "",
    `Each attack sent ${copies} times at once; a probe (\`{ threatLevel { level } }\`) asked one after another meanwhile.`,
    "",
    "| attack | HTTP status | error code | seconds (slowest copy) | probe p99 ms (probes) | gateway RSS MB before / peak / after |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
}
