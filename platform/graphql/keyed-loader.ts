import DataLoader from "dataloader";

/** A request for one id's value, given the arguments of the field asking. */
export interface KeyedRequest<Options> {
  readonly id: string;
  readonly options: Options;
}

/**
 * A DataLoader for list fields with arguments, such as
 * `Agency.relationships(kind, status)`: requests are batched by equal
 * `options`, so one page of agencies asking the same question costs one
 * call of `load` (one SQL statement), however many agencies it holds.
 * `load` answers in the order of `ids`. Create one per request.
 */
export function keyedLoader<Options, Value>(
  load: (ids: string[], options: Options) => Promise<Value[]>,
): DataLoader<KeyedRequest<Options>, Value, string> {
  return new DataLoader(
    async (requests) => {
      const batches = new Map<string, { options: Options; positions: number[] }>();
      requests.forEach(({ options }, position) => {
        const key = optionsKey(options);
        const batch = batches.get(key) ?? { options, positions: [] };
        batch.positions.push(position);
        batches.set(key, batch);
      });
      const values = new Array<Value>(requests.length);
      await Promise.all(
        [...batches.values()].map(async ({ options, positions }) => {
          const loaded = await load(positions.map((position) => requests[position]!.id), options);
          positions.forEach((position, index) => (values[position] = loaded[index]!));
        }),
      );
      return values;
    },
    { cacheKeyFn: ({ id, options }) => `${id} ${optionsKey(options)}` },
  );
}

// Options are plain objects of scalars. Keys are sorted and absent (null or
// undefined) values dropped, so options that mean the same are one batch.
function optionsKey(options: unknown): string {
  if (options === null || typeof options !== "object") return JSON.stringify(options);
  const entries = Object.entries(options).filter(([, value]) => value != null);
  return JSON.stringify(entries.sort(([a], [b]) => (a < b ? -1 : 1)));
}
