import { mkdir, rename, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { BenchResults, Cell, Ratio } from "./results-model.ts";
import { FLOOR, LIAISON, type TargetId } from "./targets/index.ts";

export const resultsDirectory = fileURLToPath(new URL("results/", import.meta.url));

/** Liaison against every other target, per scale and operation, where both were measured. */
export function computeRatios(cells: readonly Cell[]): Ratio[] {
  const ratios: Ratio[] = [];
  for (const liaison of cells) {
    if (liaison.target !== LIAISON || !measured(liaison)) continue;
    for (const other of cells) {
      if (other.target === LIAISON || other.scale !== liaison.scale || other.operation !== liaison.operation) continue;
      if (!measured(other)) continue;
      ratios.push({
        scale: liaison.scale,
        operation: liaison.operation,
        versus: other.target,
        throughput: liaison.requestsPerSecond! / other.requestsPerSecond!,
        p99: liaison.p99Ms! / other.p99Ms!,
      });
    }
  }
  return ratios;
}

function measured(cell: Cell): boolean {
  return (
    cell.status === "measured" &&
    cell.requestsPerSecond !== undefined &&
    cell.requestsPerSecond > 0 &&
    cell.p99Ms !== undefined
  );
}

// ---- Tables ----

interface Column {
  title: string;
  align: "left" | "right";
  value: (cell: Cell, context: RowContext) => string;
}

interface RowContext {
  liaison: Cell | undefined;
  label: string;
}

const fixed = (value: number | undefined, digits = 0) => (value === undefined ? "–" : value.toFixed(digits));

const COLUMNS: Column[] = [
  { title: "target", align: "left", value: (_cell, { label }) => label },
  { title: "req/s", align: "right", value: (cell) => fixed(cell.requestsPerSecond) },
  { title: "p50 ms", align: "right", value: (cell) => fixed(cell.p50Ms, 1) },
  { title: "p99 ms", align: "right", value: (cell) => fixed(cell.p99Ms, 1) },
  { title: "errors", align: "right", value: (cell) => (cell.errors === undefined ? "–" : String(cell.errors)) },
  { title: "peak RSS MiB", align: "right", value: (cell) => fixed(cell.peakRssMiB) },
  {
    title: "SQL/op once, loaded",
    align: "right",
    value: (cell) =>
      cell.sqlStatements === undefined
        ? "–"
        : `${cell.sqlStatements}, ${cell.sqlStatementsUnderLoad === undefined ? "–" : cell.sqlStatementsUnderLoad.toFixed(2)}`,
  },
  {
    title: "CPU ms/op target+subgraphs+rest",
    align: "right",
    value: ({ cpuMsPerRequest: cpu }) =>
      cpu ? `${cpu.target.toFixed(2)}+${cpu.subgraphs.toFixed(2)}+${cpu.rest === null ? "?" : cpu.rest.toFixed(2)}` : "–",
  },
  {
    title: "Liaison ÷ this (req/s, p99)",
    align: "right",
    value: (cell, { liaison }) => {
      if (cell.target === LIAISON || !liaison || !measured(liaison) || !measured(cell)) return "";
      return `${(liaison.requestsPerSecond! / cell.requestsPerSecond!).toFixed(2)}×, ${(liaison.p99Ms! / cell.p99Ms!).toFixed(2)}×`;
    },
  },
];

function rowsFor(results: BenchResults, scale: string, operation: string): { cell: Cell; context: RowContext }[] {
  const liaison = results.cells.find((c) => c.scale === scale && c.operation === operation && c.target === LIAISON);
  return results.targets
    .map((target) => results.cells.find((c) => c.scale === scale && c.operation === operation && c.target === target.id))
    .filter((cell): cell is Cell => cell !== undefined)
    .map((cell) => ({
      cell,
      context: {
        liaison,
        label:
          cell.status === "excluded"
            ? `${cell.target} (not measured: ${cell.reason})`
            : cell.reason
              ? `${cell.target} (${cell.reason})`
              : cell.target,
      },
    }));
}

function measuredOperations(results: BenchResults) {
  return results.operations.filter((operation) => !operation.skipped);
}

/** Prints one table per scale and operation, then Liaison's standing. */
export function printTable(results: BenchResults): void {
  for (const scale of results.scales) {
    for (const operation of measuredOperations(results)) {
      const rows = rowsFor(results, scale.scale, operation.id);
      if (!rows.length) continue;
      console.log(`\n${operation.title} — scale ${scale.scale} (${scale.agencies} agencies)`);
      const cells = rows.map(({ cell, context }) => COLUMNS.map((column) => column.value(cell, context)));
      const widths = COLUMNS.map((column, index) =>
        Math.max(column.title.length, ...cells.map((row) => (index === 0 ? Math.min(row[index]!.length, 40) : row[index]!.length))),
      );
      const line = (values: string[]) =>
        values
          .map((value, index) =>
            COLUMNS[index]!.align === "left" ? value.padEnd(widths[index]!) : value.padStart(widths[index]!),
          )
          .join("  ");
      console.log(line(COLUMNS.map((column) => column.title)));
      for (const row of cells) console.log(line(row));
    }
  }
  const summary = standing(results);
  if (summary.length) {
    console.log("\nLiaison's gateway against the others (req/s ratio; p99 ratio):");
    for (const text of summary) console.log(`  ${text}`);
  }
}

function standing(results: BenchResults): string[] {
  const lines: string[] = [];
  for (const scale of results.scales) {
    for (const operation of measuredOperations(results)) {
      const ratios = results.ratios.filter((r) => r.scale === scale.scale && r.operation === operation.id);
      if (!ratios.length) continue;
      const parts = ratios.map((r) => `vs ${r.versus} ${r.throughput.toFixed(2)}× req/s, ${r.p99.toFixed(2)}× p99`);
      lines.push(`${scale.scale.padEnd(6)} ${operation.id.padEnd(9)} ${parts.join("; ")}`);
    }
  }
  return lines;
}

/** The verdict of the issue's "done when": on dashboard and list, Liaison at least as fast as the fastest peer, p99 no worse. */
export function verdict(results: BenchResults): string[] {
  const lines: string[] = [];
  for (const operation of ["dashboard", "list"] as const) {
    for (const scale of results.scales) {
      const cells = results.cells.filter((c) => c.scale === scale.scale && c.operation === operation && measured(c));
      const liaison = cells.find((c) => c.target === LIAISON);
      // Peers are other gateways: not the floor, nor Liaison run another way.
      const peers = cells.filter((c) => c.target !== FLOOR && !c.target.startsWith(LIAISON));
      if (!liaison || !peers.length) continue;
      const fastest = peers.reduce((best, c) => (c.requestsPerSecond! > best.requestsPerSecond! ? c : best));
      const ahead = liaison.requestsPerSecond! >= fastest.requestsPerSecond! && liaison.p99Ms! <= fastest.p99Ms!;
      lines.push(
        `${operation} at ${scale.scale}: ${ahead ? "met" : "not met"} — Liaison ${liaison.requestsPerSecond!.toFixed(0)} req/s, p99 ${liaison.p99Ms!.toFixed(1)} ms; ` +
          `fastest peer ${fastest.target} ${fastest.requestsPerSecond!.toFixed(0)} req/s, p99 ${fastest.p99Ms!.toFixed(1)} ms`,
      );
    }
  }
  return lines;
}

export function markdownReport(results: BenchResults): string {
  const out: string[] = [];
  const s = results.settings;
  const cached = s.mode === "cached";
  out.push(cached ? "# Liaison benchmark: the cached comparison" : "# Liaison benchmark: latest results", "");
  if (cached) {
    out.push(
      "Every gateway with its response cache on, loaded with one operation and its variables repeated: " +
        "after the first request each answer comes from memory. The cold comparison (caches off) is in latest.md.",
      "",
    );
  }
  out.push(
    `Run ${results.startedAt} → ${results.finishedAt}${s.quick ? " (`--quick`)" : ""}: ${s.connections} connections, ` +
      `${s.rounds} rounds of ${s.durationSeconds} s after ${s.warmupSeconds} s warm-up, Postgres ${s.database === "server" ? "server" : "embedded"}. ` +
      `Figures are medians over the rounds; errors are summed. Regenerate with \`npm run bench${cached ? " -- --cached" : ""}\`.`,
    "",
  );
  out.push(`Machine: ${Object.entries(results.environment).map(([k, v]) => `${k} ${v}`).join(", ")}.`, "");
  const background = Number(results.environment.backgroundBusyPercent ?? 0);
  if (background > 15) {
    out.push(
      `**Noisy run**: before it started, the machine was already ${background}% busy with other work; ` +
        "these figures compare the targets with each other but are not absolute.",
      "",
    );
  }
  out.push("Targets:", "");
  for (const target of results.targets) out.push(`- **${target.id}** — ${target.label} (${target.version})`);
  out.push("");
  const skipped = results.operations.filter((o) => o.skipped);
  if (skipped.length) {
    out.push("Not run yet:", "");
    for (const operation of skipped) out.push(`- ${operation.title}: ${operation.skipped}`);
    out.push("");
  }
  out.push("Directory sizes:", "");
  for (const scale of results.scales) {
    out.push(`- **${scale.scale}**: ${Object.entries(scale.rows).map(([table, count]) => `${count} ${table}`).join(", ")}`);
  }
  out.push("");
  const verdictLines = verdict(results);
  if (verdictLines.length) {
    out.push("## Done-when check (dashboard and list: Liaison ≥ fastest peer in req/s, p99 ≤)", "");
    for (const line of verdictLines) out.push(`- ${line}`);
    out.push("");
  }
  for (const operation of measuredOperations(results)) {
    out.push(`## ${operation.title}`, "");
    for (const scale of results.scales) {
      const rows = rowsFor(results, scale.scale, operation.id);
      if (!rows.length) continue;
      const bytes = rows.find(({ cell }) => cell.target === LIAISON)?.cell.responseBytes ?? rows[0]?.cell.responseBytes;
      const size = bytes === undefined ? "" : `; response ${(bytes / 1024).toFixed(1)} KiB`;
      out.push(`Scale **${scale.scale}** (${scale.agencies} agencies${size}):`, "");
      out.push(`| ${COLUMNS.map((c) => c.title).join(" | ")} |`);
      out.push(`| ${COLUMNS.map((c) => (c.align === "left" ? ":--" : "--:")).join(" | ")} |`);
      for (const { cell, context } of rows) {
        out.push(`| ${COLUMNS.map((c) => c.value(cell, context).replace(/\|/g, "\\|")).join(" | ")} |`);
      }
      out.push("");
    }
  }
  out.push(
    "CPU ms/op: CPU time per request of the target's process, of the subgraph processes together, and of the rest of the machine " +
      "(Postgres, the kernel's networking, and anything else running; the load generator's own share is left out). " +
      "Peak RSS: the highest resident memory of the target's process while that operation was loaded; a process rarely gives memory back, so later operations show earlier peaks too. " +
      "SQL/op: statements per request, counted once before loading and averaged while loading " +
      "(requests still in flight when a round ends count as requests). Both are medians over the rounds.",
    "",
  );
  out.push("![p50 and p99 latency against directory size](latency-vs-size.svg)", "");
  out.push("## How the comparison is kept fair", "");
  for (const line of results.fairness) out.push(`- ${line}`);
  out.push("");
  return out.join("\n");
}

// ---- Chart: latency against directory size, one panel per operation ----

const COLORS: Record<TargetId, string> = {
  liaison: "#d1495b",
  "liaison-notified": "#f28482",
  "apollo-gateway": "#30638e",
  hive: "#00798c",
  "hive-router": "#edae49",
  "sql-floor": "#666666",
};

export function latencyChart(results: BenchResults): string {
  const operations = measuredOperations(results);
  const panelWidth = 320;
  const panelHeight = 220;
  const margin = { left: 56, right: 32, top: 40, bottom: 44 };
  const columns = Math.min(2, Math.max(1, operations.length));
  const panelRows = Math.ceil(operations.length / columns);
  const legendColumns = 4;
  const legendHeight = 28 + Math.ceil(results.targets.length / legendColumns) * 20;
  const width = Math.max(816, columns * (panelWidth + margin.left + margin.right));
  const height = panelRows * (panelHeight + margin.top + margin.bottom) + legendHeight;
  const sizes = results.scales.map((scale) => scale.agencies).filter((n) => n > 0);
  const minX = Math.log10(Math.min(...sizes));
  const maxX = Math.log10(Math.max(...sizes));
  const spanX = maxX - minX || 1;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
  );
  operations.forEach((operation, index) => {
    const ox = (index % columns) * (panelWidth + margin.left + margin.right) + margin.left;
    const oy = Math.floor(index / columns) * (panelHeight + margin.top + margin.bottom) + margin.top;
    const cells = results.cells.filter((c) => c.operation === operation.id && measured(c));
    const step = niceCeiling(Math.max(1, ...cells.map((c) => c.p99Ms ?? 0)) / 4);
    const ticks = Math.ceil(Math.max(1, ...cells.map((c) => c.p99Ms ?? 0)) / step);
    const maxY = step * ticks;
    const x = (agencies: number) =>
      ox + (sizes.length > 1 ? ((Math.log10(agencies) - minX) / spanX) * panelWidth : panelWidth / 2);
    const y = (ms: number) => oy + panelHeight - (ms / maxY) * panelHeight;
    parts.push(`<text x="${ox}" y="${oy - 14}" font-weight="bold">${escapeXml(operation.id)}: p50 (solid), p99 (dashed)</text>`);
    parts.push(`<rect x="${ox}" y="${oy}" width="${panelWidth}" height="${panelHeight}" fill="none" stroke="#999"/>`);
    for (let tick = 0; tick <= ticks; tick++) {
      const value = step * tick;
      parts.push(
        `<line x1="${ox}" x2="${ox + panelWidth}" y1="${y(value)}" y2="${y(value)}" stroke="#eee"/>`,
        `<text x="${ox - 6}" y="${y(value) + 4}" text-anchor="end">${formatMs(value)}</text>`,
      );
    }
    for (const scale of results.scales) {
      parts.push(
        `<text x="${x(scale.agencies)}" y="${oy + panelHeight + 16}" text-anchor="middle">${escapeXml(scale.scale === "page" ? `page (${scale.agencies})` : String(scale.agencies))}</text>`,
      );
    }
    parts.push(
      `<text x="${ox + panelWidth / 2}" y="${oy + panelHeight + 34}" text-anchor="middle" fill="#555">agencies in the directory (log scale)</text>`,
      `<text transform="translate(${ox - 42} ${oy + panelHeight / 2}) rotate(-90)" text-anchor="middle" fill="#555">latency, ms</text>`,
    );
    results.targets.forEach((target, targetIndex) => {
      // Targets sit a few pixels apart, so equal figures stay visible.
      const dodge = (targetIndex - (results.targets.length - 1) / 2) * 6;
      const points = results.scales
        .map((scale) => ({ scale, cell: cells.find((c) => c.scale === scale.scale && c.target === target.id) }))
        .filter((p): p is { scale: (typeof results.scales)[number]; cell: Cell } => p.cell !== undefined);
      const color = COLORS[target.id];
      for (const [key, dash] of [["p50Ms", ""], ["p99Ms", ' stroke-dasharray="5 4"']] as const) {
        const coordinates = points.map((p) => `${(x(p.scale.agencies) + dodge).toFixed(1)},${y(p.cell[key]!).toFixed(1)}`);
        if (coordinates.length > 1) {
          parts.push(`<polyline points="${coordinates.join(" ")}" fill="none" stroke="${color}" stroke-width="2"${dash}/>`);
        }
        for (const point of coordinates) {
          const [cx, cy] = point.split(",");
          parts.push(`<circle cx="${cx}" cy="${cy}" r="3" fill="${key === "p50Ms" ? color : "white"}" stroke="${color}"/>`);
        }
      }
    });
  });
  const legendTop = height - legendHeight + 16;
  results.targets.forEach((target, index) => {
    const lx = 16 + (index % legendColumns) * 190;
    const legendY = legendTop + Math.floor(index / legendColumns) * 20;
    parts.push(
      `<line x1="${lx}" x2="${lx + 24}" y1="${legendY}" y2="${legendY}" stroke="${COLORS[target.id]}" stroke-width="3"/>`,
      `<text x="${lx + 30}" y="${legendY + 4}">${escapeXml(target.id)}</text>`,
    );
  });
  parts.push(
    `<text x="16" y="${height - 8}" fill="#555">${escapeXml(`${results.settings.connections} connections; medians of ${results.settings.rounds} rounds of ${results.settings.durationSeconds} s; ${results.startedAt}`)}</text>`,
  );
  parts.push("</svg>");
  return parts.join("\n") + "\n";
}

function niceCeiling(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * magnitude) return step * magnitude;
  return 10 * magnitude;
}

function formatMs(value: number): string {
  return value >= 10 ? value.toFixed(0) : value.toFixed(1);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Writes <name>.json and <name>.md (latest, or cached for the cached
 * comparison) and, for the cold comparison, latency-vs-size.svg, each
 * through a temporary file.
 */
export async function writeReports(results: BenchResults, directory = resultsDirectory, name = "latest"): Promise<string[]> {
  await mkdir(directory, { recursive: true });
  const files: [string, string][] = [
    [`${name}.json`, JSON.stringify(results, null, 2) + "\n"],
    [`${name}.md`, markdownReport(results)],
    ...(results.settings.mode === "cached" ? [] : [["latency-vs-size.svg", latencyChart(results)] as [string, string]]),
  ];
  for (const [name, content] of files) {
    await writeFile(`${directory}${name}.tmp`, content, "utf8");
    await rename(`${directory}${name}.tmp`, `${directory}${name}`);
  }
  return files.map(([name]) => `bench/results/${name}`);
}
