import { describe, expect, it } from "vitest";
import { AgencyKind, Jurisdiction } from "../../generated/prisma/enums.ts";
import { agencies } from "../../subgraphs/agencies/seed-data.ts";

const REQUIRED_SLUGS = [
  "mi5",
  "sis",
  "gchq",
  "home-office",
  "fco",
  "cabinet-office",
  "nio",
  "bis",
  "mod",
  "central-government",
  "counter-terrorism-policing",
  "met",
  "psni",
  "police-scotland",
  "special-branches",
  "nca",
  "border-force",
  "armed-services",
  "foreign-intelligence-services",
  "national-archives",
];

const DEPARTMENTS_NAMED_ON_THE_PAGE = [
  "Home Office",
  "Foreign & Commonwealth Office",
  "Cabinet Office",
  "Northern Ireland Office",
  "Department for Business, Innovation and Skills",
  "Ministry of Defence",
];

function bySlug(slug: string) {
  const agency = agencies.find((candidate) => candidate.slug === slug);
  if (!agency) throw new Error(`no seed agency with slug ${slug}`);
  return agency;
}

describe("agency seed data", () => {
  it("has unique, lowercase kebab-case slugs", () => {
    const slugs = agencies.map((agency) => agency.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("has every slug that dashboards rely on", () => {
    const slugs = agencies.map((agency) => agency.slug);
    expect(slugs).toEqual(expect.arrayContaining(REQUIRED_SLUGS));
  });

  it("has each government department the page names, and only those plus the catch-all", () => {
    const departmentNames = agencies
      .filter((agency) => agency.kind === AgencyKind.GOVERNMENT_DEPARTMENT)
      .map((agency) => agency.name);
    expect(departmentNames.sort()).toEqual(
      [...DEPARTMENTS_NAMED_ON_THE_PAGE, bySlug("central-government").name].sort(),
    );
  });

  it("has unique names and short names", () => {
    const names = agencies.map((agency) => agency.name);
    expect(new Set(names).size).toBe(names.length);
    const shortNames = agencies.flatMap((agency) => (agency.shortName ? [agency.shortName] : []));
    expect(new Set(shortNames).size).toBe(shortNames.length);
  });

  it("uses only values of the generated enums", () => {
    for (const agency of agencies) {
      expect(Object.values(AgencyKind)).toContain(agency.kind);
      if (agency.jurisdiction !== null) expect(Object.values(Jurisdiction)).toContain(agency.jurisdiction);
    }
  });

  it("describes an agency in a sentence or two where the page says what it is, and not otherwise", () => {
    for (const { description } of agencies) {
      if (description === null) continue;
      expect(description.length).toBeGreaterThan(20);
      expect(description).toMatch(/\.$/);
    }
    expect(bySlug("home-office").description).toBeNull();
  });

  it("records the facts the public contract names", () => {
    // The page calls it MI5 and nothing else; its full name is kept as an alias.
    expect(bySlug("mi5")).toMatchObject({
      name: "MI5",
      shortName: "MI5",
      kind: AgencyKind.INTELLIGENCE_AGENCY,
      aliases: ["Security Service"],
    });
    expect(bySlug("sis")).toMatchObject({ shortName: "SIS", kind: AgencyKind.INTELLIGENCE_AGENCY, aliases: ["MI6"] });
    expect(bySlug("met")).toMatchObject({ name: "Metropolitan Police", shortName: null, jurisdiction: null });
    expect(bySlug("psni").jurisdiction).toBe(Jurisdiction.NORTHERN_IRELAND);
    expect(bySlug("police-scotland").jurisdiction).toBe(Jurisdiction.SCOTLAND);
    expect(bySlug("nca")).toMatchObject({ kind: AgencyKind.LAW_ENFORCEMENT_AGENCY, jurisdiction: null });
    expect(bySlug("counter-terrorism-policing").kind).toBe(AgencyKind.POLICE_FORCE);
    expect(bySlug("armed-services").kind).toBe(AgencyKind.ARMED_SERVICE);
    expect(bySlug("foreign-intelligence-services")).toMatchObject({
      kind: AgencyKind.FOREIGN_SERVICE,
      jurisdiction: Jurisdiction.OVERSEAS,
    });
    expect(bySlug("national-archives")).toMatchObject({
      name: "The National Archives",
      kind: AgencyKind.OTHER,
    });
  });
});
