import pg from "pg";
import { CHANGES_CHANNEL } from "./record-change.ts";

export interface NotificationHandlers {
  /** A change was announced. */
  onChange(): void;
  /** The connection is (again) listening: anything announced while it was down must be read now. */
  onListening(): void;
  /** The connection failed; it retries by itself. */
  onError?(error: Error): void;
}

const FIRST_RETRY_MS = 250;
const LAST_RETRY_MS = 5_000;

/**
 * Listens for change announcements on a connection of its own, and
 * reconnects with growing pauses when the connection drops (a database
 * restart, a network fault). Returns how to stop.
 */
export function listenForChanges(databaseUrl: string, handlers: NotificationHandlers): { stop(): Promise<void> } {
  let client: pg.Client | undefined;
  let stopped = false;
  let retryMs = FIRST_RETRY_MS;
  let retryTimer: NodeJS.Timeout | undefined;

  const connect = async () => {
    const next = new pg.Client({ connectionString: databaseUrl, keepAlive: true });
    client = next;
    next.on("notification", ({ channel }) => {
      if (channel === CHANGES_CHANNEL) handlers.onChange();
    });
    next.on("error", (error) => retry(next, error));
    next.on("end", () => retry(next, new Error("The change notifications connection closed.")));
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (error) {
      retry(next, error instanceof Error ? error : new Error(String(error)));
      return;
    }
    retryMs = FIRST_RETRY_MS;
    if (!stopped) handlers.onListening();
  };

  const retry = (failed: pg.Client, error: Error) => {
    if (stopped || failed !== client || retryTimer) return;
    handlers.onError?.(error);
    failed.removeAllListeners("end");
    failed.end().catch(() => undefined);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, retryMs);
    retryTimer.unref();
    retryMs = Math.min(retryMs * 2, LAST_RETRY_MS);
  };

  void connect();
  return {
    async stop() {
      stopped = true;
      clearTimeout(retryTimer);
      const last = client;
      client = undefined;
      last?.removeAllListeners("end");
      await last?.end().catch(() => undefined);
    },
  };
}
