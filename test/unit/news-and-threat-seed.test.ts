import { describe, expect, it } from "vitest";
import { agencies } from "../../subgraphs/agencies/seed-data.ts";
import { articles, claims, storedPublicationDate } from "../../subgraphs/news/seed-data.ts";
import { assessments, emergencyContacts } from "../../subgraphs/threat/seed-data.ts";

const KEBAB_CASE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

describe("news seed data", () => {
  it("has unique kebab-case slugs", () => {
    for (const items of [articles, claims]) {
      const slugs = items.map((item) => item.slug);
      expect(new Set(slugs).size).toBe(slugs.length);
      for (const slug of slugs) expect(slug).toMatch(KEBAB_CASE);
    }
  });

  it("mentions only seeded agencies, and MI5 in every article", () => {
    const agencySlugs = new Set<string>(agencies.map((agency) => agency.slug));
    for (const article of articles) {
      expect(article.mentions).toContain("mi5");
      for (const slug of article.mentions) expect(agencySlugs, slug).toContain(slug);
    }
  });

  it("dates the files release to its month, as its title does, and the other item not at all", () => {
    expect(articles.map((article) => article.publicationDate)).toEqual(["2019-09", null]);
    expect(storedPublicationDate("2019-09")).toEqual({ publishedAt: new Date("2019-09-01T00:00:00Z"), publishedAtPrecision: "MONTH" });
    expect(storedPublicationDate(null)).toEqual({ publishedAt: null, publishedAtPrecision: null });
    expect(() => storedPublicationDate("September 2019")).toThrow(/ISO 8601/);
  });

  it("has lowercase tags", () => {
    for (const article of articles) for (const tag of article.tags) expect(tag).toBe(tag.toLowerCase());
  });
});

describe("threat seed data", () => {
  it("holds only the page's national level", () => {
    expect(assessments).toEqual([expect.objectContaining({ scope: "NATIONAL", level: "SEVERE", since: null })]);
  });

  it("holds the page's two numbers", () => {
    expect(emergencyContacts.map((contact) => contact.phoneNumber)).toEqual(["999", "0800 789 321"]);
  });
});
