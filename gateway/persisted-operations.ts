import { readFileSync } from "node:fs";
import type { ApolloServerPlugin, BaseContext, PersistedQueryOptions } from "@apollo/server";
import { GraphQLError } from "graphql";
import { ConfigError, type PersistedOperationSettings } from "../platform/config.ts";
import { ErrorCode } from "../platform/graphql/error-codes.ts";

/** One operation of a manifest, as @apollo/generate-persisted-query-manifest writes it. */
export interface PersistedOperation {
  id: string;
  body: string;
  name?: string;
  type?: "query" | "mutation" | "subscription";
}

/** Apollo's persisted query manifest format, version 1. */
export interface PersistedQueryManifest {
  format: "apollo-persisted-query-manifest";
  version: 1;
  operations: PersistedOperation[];
}

/** How many operations automatic persisted queries remember, the oldest forgotten first. */
const APQ_LIMIT = 1000;

export function readManifest(path: string): PersistedOperation[] {
  let manifest: Partial<PersistedQueryManifest>;
  try {
    manifest = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ConfigError(`PERSISTED_OPERATIONS: cannot read ${path} as JSON (${(error as Error).message}).`);
  }
  if (manifest?.format !== "apollo-persisted-query-manifest" || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
    throw new ConfigError(`PERSISTED_OPERATIONS: ${path} is not an Apollo persisted query manifest (format "apollo-persisted-query-manifest", version 1).`);
  }
  for (const operation of manifest.operations) {
    if (typeof operation?.id !== "string" || !operation.id || typeof operation.body !== "string" || !operation.body) {
      throw new ConfigError(`PERSISTED_OPERATIONS: every operation in ${path} needs an id and a body.`);
    }
  }
  return manifest.operations;
}

export interface PersistedOperations<Context extends BaseContext> {
  /** Apollo Server's persistedQueries option: ids from the manifests, and APQ unless only safelisted operations are accepted. */
  persistedQueries: PersistedQueryOptions | false;
  /** Refuses operations outside the manifests when only those are accepted. */
  plugins: ApolloServerPlugin<Context>[];
}

/**
 * Operations by id from Apollo persisted query manifests (a client sends
 * `extensions.persistedQuery.sha256Hash` with the manifest's id and no
 * query). An id in no manifest is PERSISTED_QUERY_NOT_FOUND. With
 * `safelistOnly`, an operation sent as text runs only when it is one of the
 * manifests' bodies, and automatic persisted queries (a client registering
 * its own operations) are off; anything else is PERSISTED_QUERY_NOT_IN_LIST.
 */
export function persistedOperations<Context extends BaseContext>(settings: PersistedOperationSettings): PersistedOperations<Context> {
  const byId = new Map<string, string>();
  for (const path of settings.manifests) {
    for (const { id, body } of readManifest(path)) byId.set(id, body);
  }
  const bodies = new Set(byId.values());
  const registered = settings.safelistOnly ? undefined : new Map<string, string>();
  // Apollo Server prefixes the keys of the cache it is given.
  const idOf = (key: string) => key.replace(/^apq:/, "");
  return {
    persistedQueries: {
      cache: {
        async get(key) {
          return byId.get(idOf(key)) ?? registered?.get(idOf(key));
        },
        async set(key, value) {
          if (!registered || byId.has(idOf(key))) return;
          registered.delete(idOf(key));
          registered.set(idOf(key), value);
          if (registered.size > APQ_LIMIT) registered.delete(registered.keys().next().value!);
        },
        async delete(key) {
          return registered?.delete(idOf(key)) ?? false;
        },
      },
      ttl: null,
    },
    plugins: settings.safelistOnly
      ? [
          {
            async requestDidStart() {
              return {
                async didResolveOperation({ source }) {
                  if (!bodies.has(source)) {
                    throw new GraphQLError("Only the operations in the gateway's persisted operation manifests run here: send one by its id.", {
                      extensions: { code: ErrorCode.PERSISTED_QUERY_NOT_IN_LIST, http: { status: 400 } },
                    });
                  }
                },
              };
            },
          },
        ]
      : [],
  };
}
