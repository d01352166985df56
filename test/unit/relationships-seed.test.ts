import { describe, expect, it } from "vitest";
import { Closeness, RelationshipKind, RelationshipStatus } from "../../generated/prisma/enums.ts";
import { DESCRIPTION_LENGTH, since as checkSince } from "../../subgraphs/relationships/relationship-writes.ts";
import { agencies } from "../../subgraphs/agencies/seed-data.ts";
import { relationships } from "../../subgraphs/relationships/seed-data.ts";

describe("relationship seed data", () => {
  it("links only seeded agencies, never an agency to itself", () => {
    const slugs = new Set<string>(agencies.map((agency) => agency.slug));
    for (const { from, to } of relationships) {
      expect(slugs.has(from), from).toBe(true);
      expect(slugs.has(to), to).toBe(true);
      expect(from).not.toBe(to);
    }
  });

  it("states each link of a kind between two agencies once", () => {
    const keys = relationships.map(({ from, to, kind }) => `${from} ${to} ${kind}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("uses every kind of the vocabulary, and only its values", () => {
    expect(new Set(relationships.map((link) => link.kind))).toEqual(new Set(Object.values(RelationshipKind)));
    for (const link of relationships) {
      expect(Object.values(RelationshipStatus)).toContain(link.status);
      if (link.closeness !== null) expect(Object.values(Closeness)).toContain(link.closeness);
    }
  });

  it("suspends only the support on serious crime, as the page says", () => {
    const suspended = relationships.filter((link) => link.status === RelationshipStatus.SUSPENDED);
    expect(suspended.length).toBeGreaterThan(0);
    expect(suspended.every((link) => link.kind === RelationshipKind.SERIOUS_CRIME_SUPPORT)).toBe(true);
  });

  it("dates only what the page dates, in the form the API accepts", () => {
    const dated = relationships.filter((link) => link.since !== null);
    expect(dated.map(({ from, to, kind, since }) => ({ from, to, kind, since }))).toEqual([
      { from: "mi5", to: "psni", kind: RelationshipKind.NORTHERN_IRELAND_INTELLIGENCE_LEAD, since: "2007" },
    ]);
    for (const { since } of dated) expect(checkSince(since!, "since", new Date())).toBe(since);
  });

  it("describes every link in a sentence of its own words, within the API's limit", () => {
    for (const { description } of relationships) {
      expect(description.length).toBeGreaterThan(20);
      expect(description.length).toBeLessThanOrEqual(DESCRIPTION_LENGTH);
      expect(description).toMatch(/\.$/);
    }
  });
});
