import { writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";

// The side of a bench process that the orchestrator forks (bench/processes.ts):
// it starts a server, reports where it listens over the IPC channel, answers
// requests from the orchestrator, and exits cleanly when told to or when the
// orchestrator goes away. On request it profiles its own CPU for a while.

export interface ChildServer {
  url: string;
  stop(): Promise<void>;
}

export type ParentMessage = { type: "stop" } | { type: "request"; id: number; body: unknown };
export type ChildMessage =
  | { type: "ready"; url: string; pid: number }
  | { type: "reply"; id: number; body: unknown };

export interface ChildOptions {
  /** Answers the orchestrator's requests (e.g. "how many SQL statements so far?"). */
  onRequest?: (body: unknown) => unknown;
}

/** Asks any bench process to start or stop sampling its CPU (V8's profiler, as `--cpu-prof` does). */
export type ProfileRequest = { kind: "profile"; action: "start" } | { kind: "profile"; action: "stop"; file: string };

let profiler: Session | undefined;

async function handleProfile(request: ProfileRequest): Promise<unknown> {
  if (request.action === "start") {
    profiler ??= new Session();
    profiler.connect();
    await profiler.post("Profiler.enable");
    await profiler.post("Profiler.start");
    return { started: true };
  }
  if (!profiler) throw new Error("The profiler was not started.");
  const { profile } = await profiler.post("Profiler.stop");
  profiler.disconnect();
  profiler = undefined;
  await writeFile(request.file, JSON.stringify(profile));
  return { file: request.file };
}

function isProfileRequest(body: unknown): body is ProfileRequest {
  return typeof body === "object" && body !== null && (body as { kind?: unknown }).kind === "profile";
}

export function runChild(start: () => Promise<ChildServer>, options: ChildOptions = {}): void {
  if (!process.send) throw new Error("Start bench processes from bench/run.ts (they need an IPC channel).");
  let server: ChildServer | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const timer = setTimeout(() => process.exit(code), 5_000);
    timer.unref();
    try {
      await server?.stop();
    } catch (error) {
      console.error(error);
    }
    process.exit(code);
  };
  process.on("message", (message: ParentMessage) => {
    if (message.type === "stop") void stop(0);
    if (message.type === "request") {
      Promise.resolve()
        .then(() => (isProfileRequest(message.body) ? handleProfile(message.body) : options.onRequest?.(message.body)))
        .then(
          (body) => process.send?.({ type: "reply", id: message.id, body } satisfies ChildMessage),
          (error: unknown) =>
            process.send?.({ type: "reply", id: message.id, body: { error: String(error) } } satisfies ChildMessage),
        );
    }
  });
  process.once("disconnect", () => void stop(0));
  process.once("SIGTERM", () => void stop(0));
  process.once("SIGINT", () => void stop(0));
  start().then(
    (running) => {
      server = running;
      process.send!({ type: "ready", url: running.url, pid: process.pid } satisfies ChildMessage);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

/** The environment value `name`, or a clear failure. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: start bench processes from bench/run.ts.`);
  return value;
}
