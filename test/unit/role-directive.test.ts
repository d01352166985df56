import { graphql, buildSchema } from "graphql";
import { describe, expect, it } from "vitest";
import type { Identity, Role } from "../../platform/auth/identity.ts";
import { enforceRoleDirectives } from "../../platform/auth/role-directive.ts";

const schema = enforceRoleDirectives(
  buildSchema(`
    directive @requiresRole(role: String!) on OBJECT | FIELD_DEFINITION
    type Query { agency: Agency, audit: [Entry!] @requiresRole(role: "admin") }
    type Mutation { rename(name: String!): Agency @requiresRole(role: "editor") }
    type Agency { name: String!, notes: String @requiresRole(role: "editor") }
    type Entry @requiresRole(role: "admin") { what: String! }
  `),
);

const rootValue = {
  agency: { name: "MI5", notes: "internal" },
  audit: [{ what: "renamed" }],
  rename: ({ name }: { name: string }) => ({ name, notes: null }),
};

async function run(source: string, roles: Role[]) {
  const identity: Identity = { subject: "someone", roles };
  return graphql({ schema, source, rootValue, contextValue: { identity } });
}

describe("@requiresRole", () => {
  it("leaves unmarked fields to every reader", async () => {
    expect(await run(`{ agency { name } }`, ["reader"])).toEqual({ data: { agency: { name: "MI5" } } });
  });

  it("refuses a marked field to a role below the one it names, with FORBIDDEN", async () => {
    const result = await run(`{ agency { name notes } }`, ["reader"]);
    expect(result.data).toEqual({ agency: { name: "MI5", notes: null } });
    expect(result.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(result.errors?.[0]?.path).toEqual(["agency", "notes"]);
  });

  it("grants what a role names to every role above it", async () => {
    expect((await run(`{ agency { notes } }`, ["editor"])).data).toEqual({ agency: { notes: "internal" } });
    expect((await run(`{ agency { notes } }`, ["admin"])).data).toEqual({ agency: { notes: "internal" } });
    expect((await run(`mutation { rename(name: "X") { name } }`, ["editor"])).errors).toBeUndefined();
    expect((await run(`mutation { rename(name: "X") { name } }`, ["reader"])).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("guards every field of a marked type, however the type is reached", async () => {
    const asEditor = await run(`{ audit { what } }`, ["editor"]);
    expect(asEditor.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await run(`{ audit { what } }`, ["admin"])).data).toEqual({ audit: [{ what: "renamed" }] });
  });

  it("refuses a schema that names an unknown role", () => {
    expect(() =>
      enforceRoleDirectives(buildSchema(`
        directive @requiresRole(role: String!) on OBJECT | FIELD_DEFINITION
        type Query { x: Int @requiresRole(role: "superuser") }
      `)),
    ).toThrow(/names no known role/);
  });
});
