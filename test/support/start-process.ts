import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

export interface LiaisonProcess {
  readonly child: ChildProcess;
  /** Everything printed so far, stdout and stderr together. */
  output(): string;
  /** Resolves once the output matches, rejects if the process exits first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code. */
  exited(): Promise<number | null>;
}

/**
 * Runs an npm script's entry point as a separate process, as a person
 * would: `npm start`'s unless given another (`scripts/serve-subgraph.ts`
 * with its arguments).
 */
export function startLiaisonProcess(
  env: Record<string, string | undefined>,
  script = "scripts/start.ts",
  args: string[] = [],
): LiaisonProcess {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: root,
    env: { ...withoutDatabaseUrl(process.env), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let exitedWith = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exit = once(child, "exit").then(([code, signal]) => {
    exitedWith = code === null ? `signal ${signal}` : `code ${code}`;
    return code as number | null;
  });
  return {
    child,
    output: () => output,
    exited: () => exit,
    waitFor(pattern, timeoutMs = 90_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = output.match(pattern);
          if (match) return finish(() => resolve(match));
        };
        const finish = (settle: () => void) => {
          clearInterval(poll);
          clearTimeout(timer);
          settle();
        };
        const poll = setInterval(check, 50);
        const timer = setTimeout(
          () => finish(() => reject(new Error(`Timed out waiting for ${pattern}; output:\n${output}`))),
          timeoutMs,
        );
        exit.then(() => {
          check();
          finish(() => reject(new Error(`Exited (${exitedWith}) before ${pattern}; output:\n${output}`)));
        });
      });
    },
  };
}

function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...rest } = env;
  return rest;
}

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  if (typeof address !== "object" || !address) throw new Error("No port");
  return address.port;
}
