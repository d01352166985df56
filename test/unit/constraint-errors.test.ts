import { readdirSync, readFileSync } from "node:fs";
import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { Prisma } from "../../generated/prisma/client.ts";
import { constraintError, violatedConstraint, type ConstraintErrors } from "../../platform/database/errors.ts";
import { ErrorCode, isClientErrorCode } from "../../platform/graphql/error-codes.ts";

const root = new URL("../../", import.meta.url);

/** Every unique index and foreign key the migrations create, by name. */
function constraintsInMigrations(): Map<string, "unique" | "foreign key"> {
  const found = new Map<string, "unique" | "foreign key">();
  const migrations = new URL("prisma/migrations/", root);
  for (const folder of readdirSync(migrations, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    const sql = readFileSync(new URL(`${folder.name}/migration.sql`, migrations), "utf8");
    for (const [, name] of sql.matchAll(/CREATE UNIQUE INDEX "([^"]+)"/g)) found.set(name!, "unique");
    for (const [, name] of sql.matchAll(/ADD CONSTRAINT "([^"]+)" FOREIGN KEY/g)) found.set(name!, "foreign key");
    for (const [, name] of sql.matchAll(/DROP INDEX "[^"]+"\."([^"]+)"/g)) found.delete(name!);
  }
  return found;
}

/** Each subgraph's map, from the `constraintErrors` its writes module exports. */
async function subgraphMaps(): Promise<[string, ConstraintErrors][]> {
  const maps: [string, ConstraintErrors][] = [];
  for (const subgraph of readdirSync(new URL("subgraphs/", root))) {
    for (const file of readdirSync(new URL(`subgraphs/${subgraph}/`, root)).filter((name) => name.endsWith("-writes.ts"))) {
      const module = await import(new URL(`subgraphs/${subgraph}/${file}`, root).href);
      if (module.constraintErrors) maps.push([`${subgraph}/${file}`, module.constraintErrors]);
    }
  }
  return maps;
}

/** A violation as Prisma's pg adapter reports it. */
function violation(prismaCode: string, kind: string, constraint: Record<string, unknown> | undefined) {
  return new Prisma.PrismaClientKnownRequestError("violated", {
    code: prismaCode,
    clientVersion: "test",
    meta: { driverAdapterError: { name: "DriverAdapterError", cause: { kind, constraint, originalCode: "23505" } } },
  });
}

describe("the constraint maps", () => {
  it("name only unique indexes and foreign keys the migrations create", async () => {
    const known = constraintsInMigrations();
    const maps = await subgraphMaps();
    expect(maps.map(([file]) => file).sort()).toEqual([
      "agencies/agency-writes.ts",
      "news/article-writes.ts",
      "relationships/relationship-writes.ts",
    ]);
    for (const [file, map] of maps) {
      for (const [name, error] of Object.entries(map)) {
        expect(known.has(name), `${file}: ${name}`).toBe(true);
        expect(isClientErrorCode(error.code), `${file}: ${name}`).toBe(true);
        expect(error.argument, `${file}: ${name}`).toMatch(/^input\.\w+$/);
      }
    }
  });

  it("cover every foreign key from a table a mutation writes to another subgraph's table", async () => {
    const mapped = new Set((await subgraphMaps()).flatMap(([, map]) => Object.keys(map)));
    const foreignKeys = [...constraintsInMigrations()].filter(([, kind]) => kind === "foreign key").map(([name]) => name);
    // An article's own mentions cascade with it, as an agency's aliases (which only the seed writes) do
    // with it; every other foreign key can be broken by a client.
    expect(foreignKeys.filter((name) => !mapped.has(name))).toEqual(["article_mention_article_id_fkey", "agency_alias_agency_id_fkey"]);
  });
});

describe("violatedConstraint", () => {
  it("reads the constraint's name from the ORM's and from raw SQL's violations", () => {
    expect(violatedConstraint(violation("P2002", "UniqueConstraintViolation", { index: "agency_slug_key" }))).toBe("agency_slug_key");
    expect(violatedConstraint(violation("P2003", "ForeignKeyConstraintViolation", { index: "relationship_to_agency_id_fkey" }))).toBe(
      "relationship_to_agency_id_fkey",
    );
    expect(violatedConstraint(violation("P2010", "UniqueConstraintViolation", { index: "article_slug_key" }))).toBe("article_slug_key");
  });

  it("finds none in anything else", () => {
    expect(violatedConstraint(violation("P2002", "UniqueConstraintViolation", { fields: ["slug"] }))).toBeUndefined();
    expect(violatedConstraint(violation("P2039", "postgres", undefined))).toBeUndefined();
    expect(violatedConstraint(new Error("agency_slug_key"))).toBeUndefined();
    expect(violatedConstraint(undefined)).toBeUndefined();
  });
});

describe("constraintError", () => {
  const map: ConstraintErrors = {
    agency_slug_key: { code: ErrorCode.BAD_USER_INPUT, argument: "input.slug", message: "Taken." },
  };

  it("answers a mapped violation with its error, naming the argument", () => {
    const error = constraintError(violation("P2002", "UniqueConstraintViolation", { index: "agency_slug_key" }), map);
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error?.message).toBe("Taken.");
    expect(error?.extensions).toEqual({ code: "BAD_USER_INPUT", argument: "input.slug" });
  });

  it("leaves a violation it does not map, or one named like an object's own properties, to the caller", () => {
    for (const index of ["article_slug_key", "constructor", "__proto__", "toString"]) {
      expect(constraintError(violation("P2002", "UniqueConstraintViolation", { index }), map), index).toBeUndefined();
    }
  });
});

describe("error codes", () => {
  it("show clients every contract code but INTERNAL_SERVER_ERROR, and nothing unknown", () => {
    for (const code of ["BAD_USER_INPUT", "UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "OPERATION_TOO_EXPENSIVE",
      "IDEMPOTENCY_KEY_REUSED", "SUBGRAPH_UNAVAILABLE", "PERSISTED_QUERY_NOT_FOUND"]) {
      expect(isClientErrorCode(code), code).toBe(true);
    }
    for (const code of ["INTERNAL_SERVER_ERROR", "SUBGRAPH_FETCH_FAILED", "toString", undefined]) {
      expect(isClientErrorCode(code), String(code)).toBe(false);
    }
  });
});
