// A container's health check: exits 0 when the server in this container
// answers 200 at the path, 1 otherwise. `node scripts/probe.ts [path] [port]`;
// the port defaults to PROBE_PORT, then PORT, then 4000; the path to /ready.

const [path = "/ready", port = process.env.PROBE_PORT || process.env.PORT || "4000"] = process.argv.slice(2);

try {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2_000) });
  process.exit(response.ok ? 0 : 1);
} catch {
  process.exit(1);
}
