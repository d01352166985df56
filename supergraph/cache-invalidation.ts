import { subgraphs } from "./registry.ts";

/**
 * What the gateway's response cache reads (`gateway/response-cache/`,
 * written there by `npm run compose`): the subgraphs whose answers it may
 * keep, and for each entity type the subgraphs a change of it alters.
 */
export interface CacheInvalidation {
  readonly cacheable: string[];
  readonly changedBy: Record<string, string[]>;
}

export function cacheInvalidation(): CacheInvalidation {
  const entityTypes = subgraphs.flatMap(({ cachedUntilChangeOf: until }) => (Array.isArray(until) ? until : []));
  const changedBy = (type: string) =>
    subgraphs
      .filter(({ cachedUntilChangeOf: until }) => until === "any change" || (Array.isArray(until) && until.includes(type)))
      .map(({ name }) => name);
  return {
    cacheable: subgraphs.filter((entry) => entry.cachedUntilChangeOf).map(({ name }) => name),
    changedBy: Object.fromEntries([...new Set(entityTypes)].sort().map((type) => [type, changedBy(type)])),
  };
}
