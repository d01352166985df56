import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestListener } from "@apollo/server";
import type { GraphQLDataSource } from "@apollo/gateway";
import { stringify } from "safe-stable-stringify";
import { ROLES, hasRole, type Identity } from "../../platform/auth/identity.ts";
import type { ChangeFeed } from "../../platform/changes/change-feed.ts";
import { CACHEABLE_SUBGRAPHS, subgraphsChangedBy } from "./changed-subgraphs.ts";
import { recordingFetches, startFetchLog, type FetchLog } from "./fetch-log.ts";
import { FreshnessCheck } from "./freshness.ts";
import { ResponseStore } from "./response-store.ts";

export interface ResponseCacheSettings {
  /** Memory the cached responses may take, in bytes (their JSON). */
  maxBytes: number;
  /** A ceiling on any entry's life; changes evict entries long before. */
  ttlMs?: number;
  /**
   * `checked` (the default): before serving from memory, catch up with
   * every change committed anywhere. `notified`: trust the feed's
   * notifications alone, so a read through this replica just after a write
   * through another may see the old value until the notification arrives;
   * the bench measures it to price the check.
   */
  freshness?: "checked" | "notified";
}

/** Says whether a response came from the cache (`hit`) or the subgraphs (`miss`); queries only. */
export const CACHE_STATUS_HEADER = "liaison-cache";

const DEFAULT_TTL_MS = 60 * 60 * 1000;

interface CachingContext {
  identity: Identity;
}

export interface ResponseCache<Context extends CachingContext> {
  plugin: ApolloServerPlugin<Context>;
  /** `dataSource`, noting for the cache which subgraph each operation read from. */
  recording<DataSource extends GraphQLDataSource<any>>(subgraph: string, dataSource: DataSource): GraphQLDataSource<any>;
}

/**
 * Answers a query again from memory, for as long as nothing it read has
 * changed. Every change the feed delivers evicts the responses read from
 * the subgraphs it alters, and before a response is served again this
 * replica catches up with every change committed anywhere (see
 * freshness.ts), so a read after a write never sees the old value, through
 * whichever replica. Responses are shared between callers with the same
 * role, the only thing about a caller subgraphs answer differently by;
 * those a subgraph marks PRIVATE only with the same caller. Mutations,
 * subscriptions and responses with errors are never kept.
 */
export function responseCache<Context extends CachingContext>(
  feed: ChangeFeed,
  settings: ResponseCacheSettings,
): ResponseCache<Context> {
  const store = new ResponseStore({ maxBytes: settings.maxBytes, ttlMs: settings.ttlMs ?? DEFAULT_TTL_MS });
  const freshness = settings.freshness === "notified" ? { applied: async () => undefined } : new FreshnessCheck(feed);
  const plugin: ApolloServerPlugin<Context> = {
    async serverWillStart() {
      const unsubscribe = feed.subscribe((change) => store.changed(subgraphsChangedBy(change), change.sequence));
      return {
        async serverWillStop() {
          unsubscribe();
          store.clear();
        },
      };
    },
    async requestDidStart({ contextValue }): Promise<GraphQLRequestListener<Context>> {
      let fill: { keys: Keys; startedAt: bigint; log: FetchLog } | undefined;
      let status: "hit" | "miss" | undefined;
      return {
        async responseForOperation({ operation, queryHash, request, overallCachePolicy }) {
          if (operation?.operation !== "query" || !queryHash) return null;
          const keys = keysFor(contextValue.identity, queryHash, request.operationName, request.variables);
          status = "miss";
          const seen = store.get(keys.shared) ? keys.shared : keys.private && store.get(keys.private) ? keys.private : undefined;
          const fresh = seen !== undefined && (await freshness.applied().then(() => true, () => false));
          const cached = fresh && seen ? store.get(seen) : undefined;
          if (cached) {
            status = "hit";
            overallCachePolicy.restrict(cached.hint);
            return { http: { headers: new HeaderMap() }, body: { kind: "single", singleResult: { data: cached.data } } };
          }
          // Subgraphs that read Postgres answer with every change applied so far, at least.
          fill = { keys, startedAt: feed.position, log: startFetchLog(contextValue) };
          return null;
        },
        async willSendResponse({ response }) {
          if (status) response.http.headers.set(CACHE_STATUS_HEADER, status);
          if (!fill || response.body.kind !== "single") return;
          const { data, errors } = response.body.singleResult;
          const { keys, startedAt, log } = fill;
          const subgraphs = [...log.subgraphs];
          if (errors || !data || subgraphs.length === 0) return;
          if (!subgraphs.every((subgraph) => CACHEABLE_SUBGRAPHS.has(subgraph))) return;
          const key = log.private ? keys.private : keys.shared;
          const reflects = log.changesApplied !== undefined && log.changesApplied < startedAt ? log.changesApplied : startedAt;
          if (key) store.set(key, { data, hint: log.hint, subgraphs, reflects });
        },
      };
    },
  };
  return { plugin, recording: (subgraph, dataSource) => recordingFetches(subgraph, dataSource) };
}

interface Keys {
  /** For responses any caller with the same role (or none) may be given. */
  shared: string;
  /** For responses a subgraph marked PRIVATE: this caller's only; none for an anonymous caller. */
  private: string | undefined;
}

function keysFor(identity: Identity, queryHash: string | undefined, operationName: string | undefined, variables: unknown): Keys {
  const operation = `${queryHash ?? ""}\n${operationName ?? ""}\n${stringify(variables ?? {})}`;
  const role = ROLES.findLast((each) => hasRole(identity, each));
  return {
    shared: `role:${role ?? "none"}\n${operation}`,
    private: identity.subject !== null ? `subject:${JSON.stringify(identity.subject)}\n${operation}` : undefined,
  };
}
