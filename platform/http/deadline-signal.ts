/** An abort signal with a deadline, which its owner ends once the work is done. */
export interface DeadlineSignal {
  readonly signal: AbortSignal;
  /** Stops watching the clock and `also`: call it when the work is done, whichever way. */
  end(): void;
}

/**
 * A signal that aborts `ms` from now (with a `TimeoutError`, as
 * `AbortSignal.timeout` does) or when `also` aborts (with its reason),
 * whichever comes first. Unlike `AbortSignal.timeout` and
 * `AbortSignal.any`, it leaves no timer or listener behind once ended:
 * the gateway makes thousands a second, and each of theirs stayed alive
 * until its deadline passed, long after the fetch had answered.
 */
export function deadlineSignal(ms: number, also?: AbortSignal): DeadlineSignal {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError")), ms);
  timer.unref();
  const follow = () => controller.abort(also!.reason);
  if (also?.aborted) follow();
  else also?.addEventListener("abort", follow, { once: true });
  return {
    signal: controller.signal,
    end() {
      clearTimeout(timer);
      also?.removeEventListener("abort", follow);
    },
  };
}
