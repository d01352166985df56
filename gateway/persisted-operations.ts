import { readFileSync } from "node:fs";
import type { PersistedQueryOptions } from "@apollo/server";
import type { FastifyInstance } from "fastify";
import { ConfigError, type PersistedOperationSettings } from "../platform/config.ts";
import { ErrorCode } from "../platform/graphql/error-codes.ts";
import { recordRefusedOperation } from "../platform/observability/request-logging.ts";

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

export interface PersistedOperations {
  /** Apollo Server's persistedQueries option: ids from the manifests, and APQ unless only safelisted operations are accepted. */
  persistedQueries: PersistedQueryOptions | false;
  /** Whether an operation sent as text may run: any may, unless only the manifests' operations are accepted. */
  admits(source: string): boolean;
  /** Where only the manifests' operations are accepted, refuses others sent to `app`'s /graphql. */
  refuseUnlisted(app: FastifyInstance): void;
}

const NOT_IN_SAFELIST = {
  message: "Only the operations in the gateway's persisted operation manifests run here: send one by its id.",
  extensions: { code: ErrorCode.PERSISTED_QUERY_NOT_IN_LIST },
};

/** Every manifest's operations by id; one id naming two different operations is refused at start-up. */
function operationsById(manifests: readonly string[]): Map<string, string> {
  const byId = new Map<string, string>();
  for (const path of manifests) {
    for (const { id, body } of readManifest(path)) {
      if (byId.has(id) && byId.get(id) !== body) {
        throw new ConfigError(`PERSISTED_OPERATIONS: the id "${id}" names two different operations (seen again in ${path}).`);
      }
      byId.set(id, body);
    }
  }
  return byId;
}

/**
 * Operations by id from Apollo persisted query manifests (a client sends
 * `extensions.persistedQuery.sha256Hash` with the manifest's id and no
 * query). An id in no manifest is PERSISTED_QUERY_NOT_FOUND. With
 * `safelistOnly`, an operation sent as text runs only when it is one of the
 * manifests' bodies, and automatic persisted queries (a client registering
 * its own operations) are off; any other text is PERSISTED_QUERY_NOT_IN_LIST
 * (HTTP 400) before Apollo Server parses it, so a refusal says nothing of the
 * schema.
 */
export function persistedOperations(settings: PersistedOperationSettings): PersistedOperations {
  const byId = operationsById(settings.manifests);
  const bodies = new Set(byId.values());
  const registered = settings.safelistOnly ? undefined : new Map<string, string>();
  const admits = (source: string) => !settings.safelistOnly || bodies.has(source);
  // Apollo Server prefixes the keys of the cache it is given.
  const idOf = (key: string) => key.replace(/^apq:/, "");
  return {
    admits,
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
    refuseUnlisted(app) {
      if (!settings.safelistOnly) return;
      app.addHook("preHandler", async (request, reply) => {
        if (request.routeOptions.url !== "/graphql") return;
        const { query, operationName } = ((request.method === "GET" ? request.query : request.body) ?? {}) as { query?: unknown; operationName?: unknown };
        // Without text, Apollo Server looks the id up in the manifests.
        if (query === undefined || (typeof query === "string" && admits(query))) return;
        recordRefusedOperation(typeof operationName === "string" ? operationName : null, NOT_IN_SAFELIST.extensions.code);
        return reply.code(400).type("application/json; charset=utf-8").send({ errors: [NOT_IN_SAFELIST] });
      });
    },
  };
}
