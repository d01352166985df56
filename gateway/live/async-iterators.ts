/**
 * Maps each value of `source` through `map`. Unlike an async generator, its
 * `return()` reaches `source` at once, even while a `next()` is waiting on
 * it, so a subscriber that leaves frees what its stream holds right away.
 * `onEnd` runs once, however the iteration ends.
 */
export function mapAsyncIterator<T, U>(
  source: AsyncIterator<T>,
  map: (value: T) => Promise<U> | U,
  onEnd: () => void = () => undefined,
): AsyncIterableIterator<U> {
  let ended = false;
  const end = () => {
    if (!ended) {
      ended = true;
      onEnd();
    }
  };
  return {
    async next() {
      try {
        const result = await source.next();
        if (result.done) {
          end();
          return { done: true, value: undefined };
        }
        return { done: false, value: await map(result.value) };
      } catch (error) {
        end();
        throw error;
      }
    },
    async return() {
      end();
      await source.return?.();
      return { done: true, value: undefined };
    },
    async throw(error: unknown) {
      end();
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
