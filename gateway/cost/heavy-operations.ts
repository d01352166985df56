/**
 * Turns for heavy operations: at most `concurrency` run at once, the rest
 * wait in order of arrival, so however many heavy operations arrive, light
 * ones (a dashboard's banner) never queue behind more than a few of them
 * for the gateway's event loop, the subgraphs and Postgres.
 */
export class HeavyOperationTurns {
  readonly #concurrency: number;
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(concurrency: number) {
    this.#concurrency = concurrency;
  }

  /** Waits for a turn; answers the function that ends it. Rejects with the signal's reason if it aborts first. */
  async take(signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
    if (this.#running < this.#concurrency) return this.#start();
    await new Promise<void>((resolve, reject) => {
      const wake = () => {
        signal?.removeEventListener("abort", giveUp);
        resolve();
      };
      const giveUp = () => {
        this.#waiting.splice(this.#waiting.indexOf(wake), 1);
        reject(signal!.reason);
      };
      this.#waiting.push(wake);
      signal?.addEventListener("abort", giveUp, { once: true });
    });
    return this.#start();
  }

  #start(): () => void {
    this.#running++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.#running--;
      this.#waiting.shift()?.();
    };
  }
}
