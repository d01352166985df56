-- Written by hand (generated once from the seed data of this commit): brings
-- rows seeded from the page before Liaison kept sources to what the page
-- says, and records where each fact comes from. Only rows no editor has
-- changed (still at version 1) are corrected, and each correction raises the
-- version; rows editors changed keep their values and stay unsourced. On a
-- new, empty database nothing matches and the seed writes these rows itself.

-- Agencies: the names the page uses, null for what it does not give.
UPDATE "agencies"."agency" SET "name" = 'MI5', "short_name" = 'MI5', "kind" = 'INTELLIGENCE_AGENCY', "jurisdiction" = 'UNITED_KINGDOM', "description" = 'Charged with protecting the UK''s national security, which may be threatened at home and overseas. In 2007 it took lead responsibility for national security intelligence work in Northern Ireland.',
  "source_document" = 'working-with-partners', "source_section" = 'Government departments', "source_quote" = 'MI5 works particularly closely', "sourced" = true, "version" = "version" + 1, "updated_at" = now()
  WHERE "slug" = 'mi5' AND "version" = 1;
UPDATE "agencies"."agency" SET "name" = 'Secret Intelligence Service', "short_name" = 'SIS', "kind" = 'INTELLIGENCE_AGENCY', "jurisdiction" = NULL, "description" = 'An intelligence agency whose functions are not the same as MI5''s but are related to them.',
  "source_document" = 'working-with-partners', "source_section" = 'Other intelligence agencies', "source_quote" = 'the Secret Intelligence Service (SIS)', "sourced" = true, "version" = "version" + 1, "updated_at" = now()
  WHERE "slug" = 'sis' AND "version" = 1;
UPDATE "agencies"."agency" SET "name" = 'Government Communications Headquarters', "short_name" = 'GCHQ', "kind" = 'INTELLIGENCE_AGENCY', "jurisdiction" = NULL, "description" = 'An intelligence agency whose functions are not the same as MI5''s but are related to them.',
  "source_document" = 'working-with-partners', "source_section" = 'Other intelligence agencies', "source_quote" = 'the Government Communications Headquarters (GCHQ)', "sourced" = true, "version" = "version" + 1, "updated_at" = now()
  WHERE "slug" = 'gchq' AND "version" = 1;
UPDATE "agencies"."agency" SET "name" = 'Home Office', "short_name" = NULL, "kind" = 'GOVERNMENT_DEPARTMENT', "jurisdiction" = NULL, "description" = NULL,
  "source_document" = 'working-with-partners', "source_section" = 'Government departments', "source_quote" = 'the Home Office', "sourced" = true, "version" = "version" + 1, "updated_at" = now()
  WHERE "slug" = 'home-office' AND "version" = 1;
UPDATE "agencies"."agency" SET "name" = 'Foreign & Commonwealth Office', "short_name" = NULL, "kind" = 'GOVERNMENT_DEPARTMENT', "jurisdiction" = NULL, "description" = NULL,
  "source_document" = 'working-with-partners', "source_section" = 'Government departments', "source_quote" = 'the Foreign & Commonwealth Office', "sourced" = true, "version" = "version" + 1, "updated_at" = now()
  WHERE "slug" = 'fco' AND "version" = 1;
UPDATE "agencies"."agency" SET "name" = 'Cabinet Office', "short_name" = NULL, "kind" = 'GOVERNMENT_DEPARTMENT', "jurisdiction" = NULL, "description" = NULL,
  "source_document" = 'working-with-partners', "source_section" = 'Government departments', "source_quote" = 'the Cabinet Office', "sourced" = true, "version" = "version" + 1, "updated_at" = now()
  WHERE "slug" = 'cabinet-office' AND "version" = 1;
UPDATE "agencies"."agency" SET "name" = 'Northern Ireland Office', "short_name" = NULL, "kind" = 'GOVERNMENT_DEPARTMENT', "jurisdiction" = NULL, "description" = NULL,
  "source_document" = 'working-with-partners', "source_section" = 'Government departments', "source_quote" = 'the Northern Ireland Office', "sourced" = true, "version" = "version" + 1, "updated_at" = now()
  WHERE "slug" = 'nio' AND "version" = 1;
UPDATE "agencies"."agency" SET "name" = 'Department for Business, Innovation and Skills', "short_name" = NULL, "kind" = 'GOVERNMENT_DEPARTMENT', "jurisdiction" = NULL, "description" = NULL,
  "source_document" = 'working-with-partners', "source_section" = 'Government departments', "source_quote" = 'the Department for Business, Innovation and Skills', "sourced" = true, "version" = "version" + 1, "updated_at" = now()
  WHERE "slug" = 'bis' AND "version" = 1;
UPDATE "agencies"."agency" SET "name" = 'Ministry of Defence', "short_name" = NULL, "kind" = 'GOVERNMENT_DEPARTMENT', "jurisdiction" = NULL, "description" = NULL,
  "source_document" = 'working-with-partners', "source_section" = 'Government departments', "source_quote" = 'the Ministry of Defence', "sourced" = true, "version" = "version" + 1, "updated_at" = now()
  WHERE "slug" = 'mod' AND "version" = 1;
UPDATE "agencies"."agency" SET "name" = 'Central government departments and agencies', "short_name" = NULL, "kind" = 'GOVERNMENT_DEPARTMENT', "jurisdiction" = NULL, "description" = 'Every central government department and agency, taken together as one partner.',
  "source_document" = 'working-with-partners', "source_section" = 'Government departments', "source_quote" = 'all central government departments and agencies', "sourced" = true, "version" = "version" + 1, "updated_at" = now()
  WHERE "slug" = 'central-government' AND "version" = 1;
UPDATE "agencies"."agency" SET "name" = 'National counter terrorist police network', "short_name" = NULL, "kind" = 'POLICE_FORCE', "jurisdiction" = NULL, "description" = NULL,
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'the national counter terrorist police network', "sourced" = true, "version" = "version" + 1, "updated_at" = now()
  WHERE "slug" = 'counter-terrorism-policing' AND "version" = 1;
UPDATE "agencies"."agency" SET "name" = 'Metropolitan Police', "short_name" = NULL, "kind" = 'POLICE_FORCE', "jurisdiction" = NULL, "description" = NULL,
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'Metropolitan Police', "sourced" = true, "version" = "version" + 1, "updated_at" = now()
  WHERE "slug" = 'met' AND "version" = 1;
UPDATE "agencies"."agency" SET "name" = 'Police Service of Northern Ireland', "short_name" = 'PSNI', "kind" = 'POLICE_FORCE', "jurisdiction" = 'NORTHERN_IRELAND', "description" = 'Gives the operational police response to terrorism in Northern Ireland, where it protects the whole population.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'Police Service of Northern Ireland (PSNI)', "sourced" = true, "version" = "version" + 1, "updated_at" = now()
  WHERE "slug" = 'psni' AND "version" = 1;
UPDATE "agencies"."agency" SET "name" = 'Police Scotland', "short_name" = NULL, "kind" = 'POLICE_FORCE', "jurisdiction" = 'SCOTLAND', "description" = NULL,
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'Police Scotland', "sourced" = true, "version" = "version" + 1, "updated_at" = now()
  WHERE "slug" = 'police-scotland' AND "version" = 1;
UPDATE "agencies"."agency" SET "name" = 'Local force Special Branches', "short_name" = NULL, "kind" = 'POLICE_FORCE', "jurisdiction" = NULL, "description" = NULL,
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'local force Special Branches', "sourced" = true, "version" = "version" + 1, "updated_at" = now()
  WHERE "slug" = 'special-branches' AND "version" = 1;
UPDATE "agencies"."agency" SET "name" = 'National Crime Agency', "short_name" = NULL, "kind" = 'LAW_ENFORCEMENT_AGENCY', "jurisdiction" = NULL, "description" = 'One of the other national law enforcement agencies MI5 works with.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'other national law enforcement agencies including the National Crime Agency', "sourced" = true, "version" = "version" + 1, "updated_at" = now()
  WHERE "slug" = 'nca' AND "version" = 1;
UPDATE "agencies"."agency" SET "name" = 'Border Force', "short_name" = NULL, "kind" = 'LAW_ENFORCEMENT_AGENCY', "jurisdiction" = NULL, "description" = 'One of the other national law enforcement agencies MI5 works with.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'other national law enforcement agencies including … Border Force', "sourced" = true, "version" = "version" + 1, "updated_at" = now()
  WHERE "slug" = 'border-force' AND "version" = 1;
UPDATE "agencies"."agency" SET "name" = 'Armed services', "short_name" = NULL, "kind" = 'ARMED_SERVICE', "jurisdiction" = NULL, "description" = NULL,
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'the armed services', "sourced" = true, "version" = "version" + 1, "updated_at" = now()
  WHERE "slug" = 'armed-services' AND "version" = 1;
UPDATE "agencies"."agency" SET "name" = 'Foreign security and intelligence services', "short_name" = NULL, "kind" = 'FOREIGN_SERVICE', "jurisdiction" = 'OVERSEAS', "description" = 'The security and intelligence services of other countries: MI5''s counterparts abroad.',
  "source_document" = 'working-with-partners', "source_section" = 'Foreign security and intelligence services', "source_quote" = 'the assistance given by foreign security and intelligence services', "sourced" = true, "version" = "version" + 1, "updated_at" = now()
  WHERE "slug" = 'foreign-intelligence-services' AND "version" = 1;
UPDATE "agencies"."agency" SET "name" = 'The National Archives', "short_name" = NULL, "kind" = 'OTHER', "jurisdiction" = NULL, "description" = 'Where MI5 has released a batch of its historical files, which can now be viewed there.',
  "source_document" = 'working-with-partners', "source_section" = 'Latest News', "source_quote" = 'to The National Archives', "sourced" = true, "version" = "version" + 1, "updated_at" = now()
  WHERE "slug" = 'national-archives' AND "version" = 1;

-- Names the page does not use, kept apart from its facts.
INSERT INTO "agencies"."agency_alias" ("agency_id", "name", "sourced")
  SELECT "id", 'Security Service', false FROM "agencies"."agency" WHERE "slug" = 'mi5'
  ON CONFLICT DO NOTHING;
INSERT INTO "agencies"."agency_alias" ("agency_id", "name", "sourced")
  SELECT "id", 'MI6', false FROM "agencies"."agency" WHERE "slug" = 'sis'
  ON CONFLICT DO NOTHING;
INSERT INTO "agencies"."agency_alias" ("agency_id", "name", "sourced")
  SELECT "id", 'FCO', false FROM "agencies"."agency" WHERE "slug" = 'fco'
  ON CONFLICT DO NOTHING;
INSERT INTO "agencies"."agency_alias" ("agency_id", "name", "sourced")
  SELECT "id", 'NIO', false FROM "agencies"."agency" WHERE "slug" = 'nio'
  ON CONFLICT DO NOTHING;
INSERT INTO "agencies"."agency_alias" ("agency_id", "name", "sourced")
  SELECT "id", 'BIS', false FROM "agencies"."agency" WHERE "slug" = 'bis'
  ON CONFLICT DO NOTHING;
INSERT INTO "agencies"."agency_alias" ("agency_id", "name", "sourced")
  SELECT "id", 'MOD', false FROM "agencies"."agency" WHERE "slug" = 'mod'
  ON CONFLICT DO NOTHING;
INSERT INTO "agencies"."agency_alias" ("agency_id", "name", "sourced")
  SELECT "id", 'Counter Terrorism Policing', false FROM "agencies"."agency" WHERE "slug" = 'counter-terrorism-policing'
  ON CONFLICT DO NOTHING;
INSERT INTO "agencies"."agency_alias" ("agency_id", "name", "sourced")
  SELECT "id", 'CTP', false FROM "agencies"."agency" WHERE "slug" = 'counter-terrorism-policing'
  ON CONFLICT DO NOTHING;
INSERT INTO "agencies"."agency_alias" ("agency_id", "name", "sourced")
  SELECT "id", 'Metropolitan Police Service', false FROM "agencies"."agency" WHERE "slug" = 'met'
  ON CONFLICT DO NOTHING;
INSERT INTO "agencies"."agency_alias" ("agency_id", "name", "sourced")
  SELECT "id", 'Met', false FROM "agencies"."agency" WHERE "slug" = 'met'
  ON CONFLICT DO NOTHING;
INSERT INTO "agencies"."agency_alias" ("agency_id", "name", "sourced")
  SELECT "id", 'NCA', false FROM "agencies"."agency" WHERE "slug" = 'nca'
  ON CONFLICT DO NOTHING;
INSERT INTO "agencies"."agency_alias" ("agency_id", "name", "sourced")
  SELECT "id", 'TNA', false FROM "agencies"."agency" WHERE "slug" = 'national-archives'
  ON CONFLICT DO NOTHING;

-- Relationships: the page's qualifiers, the reason for the suspension, descriptions that say no more than the page.
UPDATE "relationships"."relationship" AS "link" SET "closeness" = 'PARTICULARLY_CLOSE', "qualifiers" = ARRAY[]::"relationships"."RelationshipQualifier"[], "mutual" = true, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5''s work with the Home Office is particularly close.',
  "source_document" = 'working-with-partners', "source_section" = 'Government departments', "source_quote" = 'MI5 works particularly closely with the Home Office', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'home-office'
    AND "link"."kind" = 'WORKS_CLOSELY' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = 'STRONG_LINKS', "qualifiers" = ARRAY[]::"relationships"."RelationshipQualifier"[], "mutual" = true, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 has strong links with this government department.',
  "source_document" = 'working-with-partners', "source_section" = 'Government departments', "source_quote" = 'strong links with the Foreign & Commonwealth Office', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'fco'
    AND "link"."kind" = 'STRONG_LINKS' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = 'STRONG_LINKS', "qualifiers" = ARRAY[]::"relationships"."RelationshipQualifier"[], "mutual" = true, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 has strong links with this government department.',
  "source_document" = 'working-with-partners', "source_section" = 'Government departments', "source_quote" = 'strong links with … the Cabinet Office', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'cabinet-office'
    AND "link"."kind" = 'STRONG_LINKS' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = 'STRONG_LINKS', "qualifiers" = ARRAY[]::"relationships"."RelationshipQualifier"[], "mutual" = true, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 has strong links with this government department.',
  "source_document" = 'working-with-partners', "source_section" = 'Government departments', "source_quote" = 'strong links with … the Northern Ireland Office', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'nio'
    AND "link"."kind" = 'STRONG_LINKS' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = 'STRONG_LINKS', "qualifiers" = ARRAY[]::"relationships"."RelationshipQualifier"[], "mutual" = true, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 has strong links with this government department.',
  "source_document" = 'working-with-partners', "source_section" = 'Government departments', "source_quote" = 'strong links with … the Department for Business, Innovation and Skills', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'bis'
    AND "link"."kind" = 'STRONG_LINKS' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = 'STRONG_LINKS', "qualifiers" = ARRAY[]::"relationships"."RelationshipQualifier"[], "mutual" = true, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 has strong links with this government department.',
  "source_document" = 'working-with-partners', "source_section" = 'Government departments', "source_quote" = 'strong links with … the Ministry of Defence', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'mod'
    AND "link"."kind" = 'STRONG_LINKS' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY[]::"relationships"."RelationshipQualifier"[], "mutual" = false, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 gives every central government department and agency advice on protective security matters.',
  "source_document" = 'working-with-partners', "source_section" = 'Government departments', "source_quote" = 'advise all central government departments and agencies on protective security matters', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'central-government'
    AND "link"."kind" = 'PROTECTIVE_SECURITY_ADVICE' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = 'VERY_CLOSE', "qualifiers" = ARRAY[]::"relationships"."RelationshipQualifier"[], "mutual" = true, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 works very closely with this intelligence agency; their functions differ but are related.',
  "source_document" = 'working-with-partners', "source_section" = 'Other intelligence agencies', "source_quote" = 'work very closely with both the Secret Intelligence Service (SIS)', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'sis'
    AND "link"."kind" = 'WORKS_CLOSELY' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY['IN_MANY_AREAS']::"relationships"."RelationshipQualifier"[], "mutual" = true, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'In many areas the agencies assist one another, and MI5 promotes co-operation where one or both of the others can help it achieve a result more effectively.',
  "source_document" = 'working-with-partners', "source_section" = 'Other intelligence agencies', "source_quote" = 'many areas where we provide mutual assistance', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'sis'
    AND "link"."kind" = 'MUTUAL_ASSISTANCE' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY['MAJOR']::"relationships"."RelationshipQualifier"[], "mutual" = false, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 is a major customer for the intelligence this agency produces where it bears on MI5''s functions and adds to MI5''s own collection.',
  "source_document" = 'working-with-partners', "source_section" = 'Other intelligence agencies', "source_quote" = 'a major customer for any intelligence they produce', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'sis'
    AND "link"."kind" = 'INTELLIGENCE_CUSTOMER' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = 'VERY_CLOSE', "qualifiers" = ARRAY[]::"relationships"."RelationshipQualifier"[], "mutual" = true, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 works very closely with this intelligence agency; their functions differ but are related.',
  "source_document" = 'working-with-partners', "source_section" = 'Other intelligence agencies', "source_quote" = 'work very closely with both … the Government Communications Headquarters (GCHQ)', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'gchq'
    AND "link"."kind" = 'WORKS_CLOSELY' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY['IN_MANY_AREAS']::"relationships"."RelationshipQualifier"[], "mutual" = true, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'In many areas the agencies assist one another, and MI5 promotes co-operation where one or both of the others can help it achieve a result more effectively.',
  "source_document" = 'working-with-partners', "source_section" = 'Other intelligence agencies', "source_quote" = 'many areas where we provide mutual assistance', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'gchq'
    AND "link"."kind" = 'MUTUAL_ASSISTANCE' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY['MAJOR']::"relationships"."RelationshipQualifier"[], "mutual" = false, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 is a major customer for the intelligence this agency produces where it bears on MI5''s functions and adds to MI5''s own collection.',
  "source_document" = 'working-with-partners', "source_section" = 'Other intelligence agencies', "source_quote" = 'a major customer for any intelligence they produce', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'gchq'
    AND "link"."kind" = 'INTELLIGENCE_CUSTOMER' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY['IN_MANY_AREAS']::"relationships"."RelationshipQualifier"[], "mutual" = true, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'SIS and GCHQ, like MI5, have related functions and assist one another in many areas.',
  "source_document" = 'working-with-partners', "source_section" = 'Other intelligence agencies', "source_quote" = 'We each have different but related functions … many areas where we provide mutual assistance', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'sis' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'gchq'
    AND "link"."kind" = 'MUTUAL_ASSISTANCE' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = 'CLOSE_PARTNERSHIP', "qualifiers" = ARRAY['PREDOMINANTLY']::"relationships"."RelationshipQualifier"[], "mutual" = true, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5''s close partnership with the police, across Great Britain and Northern Ireland, runs predominantly through this police body and the others listed with it.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'close partnership with the police … predominantly through the national counter terrorist police network', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'counter-terrorism-policing'
    AND "link"."kind" = 'WORKS_CLOSELY' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = 'CLOSE_PARTNERSHIP', "qualifiers" = ARRAY['PREDOMINANTLY']::"relationships"."RelationshipQualifier"[], "mutual" = true, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5''s close partnership with the police, across Great Britain and Northern Ireland, runs predominantly through this police body and the others listed with it.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'close partnership with the police … predominantly through … Metropolitan Police', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'met'
    AND "link"."kind" = 'WORKS_CLOSELY' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = 'CLOSE_PARTNERSHIP', "qualifiers" = ARRAY['PREDOMINANTLY']::"relationships"."RelationshipQualifier"[], "mutual" = true, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5''s close partnership with the police, across Great Britain and Northern Ireland, runs predominantly through this police body and the others listed with it.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'close partnership with the police … predominantly through … Police Service of Northern Ireland (PSNI)', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'psni'
    AND "link"."kind" = 'WORKS_CLOSELY' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = 'CLOSE_PARTNERSHIP', "qualifiers" = ARRAY['PREDOMINANTLY']::"relationships"."RelationshipQualifier"[], "mutual" = true, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5''s close partnership with the police, across Great Britain and Northern Ireland, runs predominantly through this police body and the others listed with it.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'close partnership with the police … predominantly through … Police Scotland', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'police-scotland'
    AND "link"."kind" = 'WORKS_CLOSELY' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = 'CLOSE_PARTNERSHIP', "qualifiers" = ARRAY['PREDOMINANTLY']::"relationships"."RelationshipQualifier"[], "mutual" = true, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5''s close partnership with the police, across Great Britain and Northern Ireland, runs predominantly through this police body and the others listed with it.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'close partnership with the police … predominantly through … local force Special Branches', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'special-branches'
    AND "link"."kind" = 'WORKS_CLOSELY' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY[]::"relationships"."RelationshipQualifier"[], "mutual" = true, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 works with this national law enforcement agency.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'work with other national law enforcement agencies including the National Crime Agency', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'nca'
    AND "link"."kind" = 'WORKS_WITH' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY[]::"relationships"."RelationshipQualifier"[], "mutual" = true, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 works with this national law enforcement agency.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'work with other national law enforcement agencies including … Border Force', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'border-force'
    AND "link"."kind" = 'WORKS_WITH' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY['IN_MANY_AREAS']::"relationships"."RelationshipQualifier"[], "mutual" = false, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 receives help from this partner in many areas of its work.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'We receive help from the police … in many areas of our work', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'counter-terrorism-policing'
    AND "link"."kind" = 'RECEIVES_HELP' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY['IN_MANY_AREAS']::"relationships"."RelationshipQualifier"[], "mutual" = false, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 receives help from this partner in many areas of its work.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'We receive help from the police … in many areas of our work', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'met'
    AND "link"."kind" = 'RECEIVES_HELP' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY['IN_MANY_AREAS']::"relationships"."RelationshipQualifier"[], "mutual" = false, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 receives help from this partner in many areas of its work.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'We receive help from the police … in many areas of our work', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'psni'
    AND "link"."kind" = 'RECEIVES_HELP' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY['IN_MANY_AREAS']::"relationships"."RelationshipQualifier"[], "mutual" = false, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 receives help from this partner in many areas of its work.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'We receive help from the police … in many areas of our work', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'police-scotland'
    AND "link"."kind" = 'RECEIVES_HELP' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY['IN_MANY_AREAS']::"relationships"."RelationshipQualifier"[], "mutual" = false, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 receives help from this partner in many areas of its work.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'We receive help from the police … in many areas of our work', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'special-branches'
    AND "link"."kind" = 'RECEIVES_HELP' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY['IN_MANY_AREAS']::"relationships"."RelationshipQualifier"[], "mutual" = false, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 receives help from this partner in many areas of its work.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'We receive help from … our other law enforcement agency partners in many areas of our work', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'nca'
    AND "link"."kind" = 'RECEIVES_HELP' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY['IN_MANY_AREAS']::"relationships"."RelationshipQualifier"[], "mutual" = false, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 receives help from this partner in many areas of its work.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'We receive help from … our other law enforcement agency partners in many areas of our work', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'border-force'
    AND "link"."kind" = 'RECEIVES_HELP' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY[]::"relationships"."RelationshipQualifier"[], "mutual" = false, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 gives this partner information, and intelligence assessments about current threats.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'provide them with information and intelligence assessments on current threats', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'counter-terrorism-policing'
    AND "link"."kind" = 'INTELLIGENCE_ASSESSMENTS' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY[]::"relationships"."RelationshipQualifier"[], "mutual" = false, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 gives this partner information, and intelligence assessments about current threats.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'provide them with information and intelligence assessments on current threats', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'met'
    AND "link"."kind" = 'INTELLIGENCE_ASSESSMENTS' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY[]::"relationships"."RelationshipQualifier"[], "mutual" = false, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 gives this partner information, and intelligence assessments about current threats.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'provide them with information and intelligence assessments on current threats', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'psni'
    AND "link"."kind" = 'INTELLIGENCE_ASSESSMENTS' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY[]::"relationships"."RelationshipQualifier"[], "mutual" = false, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 gives this partner information, and intelligence assessments about current threats.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'provide them with information and intelligence assessments on current threats', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'police-scotland'
    AND "link"."kind" = 'INTELLIGENCE_ASSESSMENTS' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY[]::"relationships"."RelationshipQualifier"[], "mutual" = false, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 gives this partner information, and intelligence assessments about current threats.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'provide them with information and intelligence assessments on current threats', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'special-branches'
    AND "link"."kind" = 'INTELLIGENCE_ASSESSMENTS' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY[]::"relationships"."RelationshipQualifier"[], "mutual" = false, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 gives this partner information, and intelligence assessments about current threats.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'provide them with information and intelligence assessments on current threats', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'nca'
    AND "link"."kind" = 'INTELLIGENCE_ASSESSMENTS' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY[]::"relationships"."RelationshipQualifier"[], "mutual" = false, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 gives this partner information, and intelligence assessments about current threats.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'provide them with information and intelligence assessments on current threats', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'border-force'
    AND "link"."kind" = 'INTELLIGENCE_ASSESSMENTS' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = 'CLOSE', "qualifiers" = ARRAY[]::"relationships"."RelationshipQualifier"[], "mutual" = true, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 and this partner work closely together on investigations that may lead to criminal proceedings.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'collaborate closely with them on investigations that may result in criminal proceedings', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'counter-terrorism-policing'
    AND "link"."kind" = 'JOINT_INVESTIGATIONS' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = 'CLOSE', "qualifiers" = ARRAY[]::"relationships"."RelationshipQualifier"[], "mutual" = true, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 and this partner work closely together on investigations that may lead to criminal proceedings.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'collaborate closely with them on investigations that may result in criminal proceedings', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'met'
    AND "link"."kind" = 'JOINT_INVESTIGATIONS' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = 'CLOSE', "qualifiers" = ARRAY[]::"relationships"."RelationshipQualifier"[], "mutual" = true, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 and this partner work closely together on investigations that may lead to criminal proceedings.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'collaborate closely with them on investigations that may result in criminal proceedings', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'psni'
    AND "link"."kind" = 'JOINT_INVESTIGATIONS' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = 'CLOSE', "qualifiers" = ARRAY[]::"relationships"."RelationshipQualifier"[], "mutual" = true, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 and this partner work closely together on investigations that may lead to criminal proceedings.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'collaborate closely with them on investigations that may result in criminal proceedings', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'police-scotland'
    AND "link"."kind" = 'JOINT_INVESTIGATIONS' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = 'CLOSE', "qualifiers" = ARRAY[]::"relationships"."RelationshipQualifier"[], "mutual" = true, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 and this partner work closely together on investigations that may lead to criminal proceedings.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'collaborate closely with them on investigations that may result in criminal proceedings', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'special-branches'
    AND "link"."kind" = 'JOINT_INVESTIGATIONS' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = 'CLOSE', "qualifiers" = ARRAY[]::"relationships"."RelationshipQualifier"[], "mutual" = true, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 and this partner work closely together on investigations that may lead to criminal proceedings.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'collaborate closely with them on investigations that may result in criminal proceedings', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'nca'
    AND "link"."kind" = 'JOINT_INVESTIGATIONS' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = 'CLOSE', "qualifiers" = ARRAY[]::"relationships"."RelationshipQualifier"[], "mutual" = true, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 and this partner work closely together on investigations that may lead to criminal proceedings.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'collaborate closely with them on investigations that may result in criminal proceedings', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'border-force'
    AND "link"."kind" = 'JOINT_INVESTIGATIONS' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY['UNIQUE']::"relationships"."RelationshipQualifier"[], "mutual" = false, "status" = 'SUSPENDED', "suspension_reason" = 'Other operational priorities', "since" = NULL, "description" = 'MI5 has given this partner unique support in the field of serious crime; that work is suspended for now.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'unique support to the police … in the field of serious crime … currently suspended due to other operational priorities', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'counter-terrorism-policing'
    AND "link"."kind" = 'SERIOUS_CRIME_SUPPORT' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY['UNIQUE']::"relationships"."RelationshipQualifier"[], "mutual" = false, "status" = 'SUSPENDED', "suspension_reason" = 'Other operational priorities', "since" = NULL, "description" = 'MI5 has given this partner unique support in the field of serious crime; that work is suspended for now.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'unique support to the police … in the field of serious crime … currently suspended due to other operational priorities', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'met'
    AND "link"."kind" = 'SERIOUS_CRIME_SUPPORT' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY['UNIQUE']::"relationships"."RelationshipQualifier"[], "mutual" = false, "status" = 'SUSPENDED', "suspension_reason" = 'Other operational priorities', "since" = NULL, "description" = 'MI5 has given this partner unique support in the field of serious crime; that work is suspended for now.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'unique support to the police … in the field of serious crime … currently suspended due to other operational priorities', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'psni'
    AND "link"."kind" = 'SERIOUS_CRIME_SUPPORT' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY['UNIQUE']::"relationships"."RelationshipQualifier"[], "mutual" = false, "status" = 'SUSPENDED', "suspension_reason" = 'Other operational priorities', "since" = NULL, "description" = 'MI5 has given this partner unique support in the field of serious crime; that work is suspended for now.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'unique support to the police … in the field of serious crime … currently suspended due to other operational priorities', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'police-scotland'
    AND "link"."kind" = 'SERIOUS_CRIME_SUPPORT' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY['UNIQUE']::"relationships"."RelationshipQualifier"[], "mutual" = false, "status" = 'SUSPENDED', "suspension_reason" = 'Other operational priorities', "since" = NULL, "description" = 'MI5 has given this partner unique support in the field of serious crime; that work is suspended for now.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'unique support to the police … in the field of serious crime … currently suspended due to other operational priorities', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'special-branches'
    AND "link"."kind" = 'SERIOUS_CRIME_SUPPORT' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY['UNIQUE']::"relationships"."RelationshipQualifier"[], "mutual" = false, "status" = 'SUSPENDED', "suspension_reason" = 'Other operational priorities', "since" = NULL, "description" = 'MI5 has given this partner unique support in the field of serious crime; that work is suspended for now.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'unique support to … other law enforcement agencies in the field of serious crime … currently suspended due to other operational priorities', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'nca'
    AND "link"."kind" = 'SERIOUS_CRIME_SUPPORT' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY['UNIQUE']::"relationships"."RelationshipQualifier"[], "mutual" = false, "status" = 'SUSPENDED', "suspension_reason" = 'Other operational priorities', "since" = NULL, "description" = 'MI5 has given this partner unique support in the field of serious crime; that work is suspended for now.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'unique support to … other law enforcement agencies in the field of serious crime … currently suspended due to other operational priorities', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'border-force'
    AND "link"."kind" = 'SERIOUS_CRIME_SUPPORT' AND "link"."version" = 1;
-- A link the page states that was not seeded before; its id is a UUIDv7 of now, as the API makes them.
INSERT INTO "relationships"."relationship" ("id", "from_agency_id", "to_agency_id", "kind", "closeness", "qualifiers", "mutual", "status", "suspension_reason", "since", "description", "source_document", "source_section", "source_quote", "sourced", "updated_at")
  SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid,
         "from"."id", "to"."id", 'PARTNER', NULL, ARRAY[]::"relationships"."RelationshipQualifier"[], false, 'ACTIVE', NULL, NULL, 'Named among MI5''s partners; the page says nothing more about the link.',
         'working-with-partners', 'Law enforcement agencies and the armed services', 'Law enforcement agencies and the armed services', true, now()
    FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
   WHERE "from"."slug" = 'mi5' AND "to"."slug" = 'armed-services'
  ON CONFLICT DO NOTHING;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY[]::"relationships"."RelationshipQualifier"[], "mutual" = false, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = '2007', "description" = 'In 2007 MI5 took the lead for national security intelligence work in Northern Ireland, which brought arrangements there into line with those in the rest of the UK.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'took lead responsibility for Northern Ireland''s national security intelligence work during 2007', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'psni'
    AND "link"."kind" = 'NORTHERN_IRELAND_INTELLIGENCE_LEAD' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY[]::"relationships"."RelationshipQualifier"[], "mutual" = false, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'The PSNI goes on giving the operational police response in Northern Ireland, countering terrorism and protecting the whole population.',
  "source_document" = 'working-with-partners', "source_section" = 'Law enforcement agencies and the armed services', "source_quote" = 'the PSNI, who continue to provide the operational police response', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'psni' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'mi5'
    AND "link"."kind" = 'NORTHERN_IRELAND_POLICE_RESPONSE' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = 'CLOSE', "qualifiers" = ARRAY[]::"relationships"."RelationshipQualifier"[], "mutual" = true, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'MI5 works closely with its counterparts in other countries for the security of UK interests overseas; threats to key partners bear on the UK''s national security too.',
  "source_document" = 'working-with-partners', "source_section" = 'Foreign security and intelligence services', "source_quote" = 'We work closely with our counterparts in other countries', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'foreign-intelligence-services'
    AND "link"."kind" = 'WORKS_CLOSELY' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY['IN_MANY_AREAS', 'HEAVILY']::"relationships"."RelationshipQualifier"[], "mutual" = false, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'In many areas of its work MI5 relies heavily on the support of SIS.',
  "source_document" = 'working-with-partners', "source_section" = 'Foreign security and intelligence services', "source_quote" = 'In many areas of our work we rely heavily on the support of SIS', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'sis'
    AND "link"."kind" = 'RELIES_ON' AND "link"."version" = 1;
UPDATE "relationships"."relationship" AS "link" SET "closeness" = NULL, "qualifiers" = ARRAY['IN_MANY_AREAS', 'HEAVILY']::"relationships"."RelationshipQualifier"[], "mutual" = false, "status" = 'ACTIVE', "suspension_reason" = NULL, "since" = NULL, "description" = 'In many areas of its work MI5 relies heavily on the assistance foreign security and intelligence services give.',
  "source_document" = 'working-with-partners', "source_section" = 'Foreign security and intelligence services', "source_quote" = 'In many areas of our work we rely heavily on … the assistance given by foreign security and intelligence services', "sourced" = true, "version" = "link"."version" + 1, "updated_at" = now()
  FROM "agencies"."agency" AS "from", "agencies"."agency" AS "to"
  WHERE "link"."from_agency_id" = "from"."id" AND "from"."slug" = 'mi5' AND "link"."to_agency_id" = "to"."id" AND "to"."slug" = 'foreign-intelligence-services'
    AND "link"."kind" = 'RELIES_ON' AND "link"."version" = 1;

-- News: no day the page does not give, no date where it gives none.
UPDATE "news"."article" SET "title" = 'September 2019 release of historical MI5 files', "summary" = 'MI5 has released another batch of its historical files; they are now at The National Archives, where they can be viewed.', "published_at" = '2019-09-01T00:00:00.000Z', "published_at_precision" = 'MONTH', "tags" = ARRAY['history', 'archives']::text[],
  "source_document" = 'working-with-partners', "source_section" = 'Latest News', "source_quote" = 'September 2019 release of historical MI5 files', "sourced" = true, "version" = "version" + 1, "updated_at" = now()
  WHERE "slug" = 'september-2019-release-of-historical-mi5-files' AND "version" = 1;
UPDATE "news"."article" SET "title" = 'MI5 supports National Inclusion Week', "summary" = 'MI5 is taking part in the celebrations of National Inclusion Week, for the fourth year running.', "published_at" = NULL, "published_at_precision" = NULL, "tags" = ARRAY['inclusion']::text[],
  "source_document" = 'working-with-partners', "source_section" = 'Latest News', "source_quote" = 'MI5 supports National Inclusion Week', "sourced" = true, "version" = "version" + 1, "updated_at" = now()
  WHERE "slug" = 'mi5-supports-national-inclusion-week' AND "version" = 1;
UPDATE "news"."claim" SET "source_document" = 'working-with-partners', "source_section" = 'Fact or Fiction?', "source_quote" = 'a secret training facility under Baker Street tube station', "sourced" = true, "updated_at" = now()
  WHERE "slug" = 'baker-street-training-facility' AND "statement" = 'MI5 has a secret training facility under Baker Street tube station.';

-- The threat level and the emergency numbers: 999 has no name on the page.
UPDATE "threat"."assessment" SET "source_document" = 'working-with-partners', "source_section" = NULL, "source_quote" = 'Current national threat level: SEVERE', "sourced" = true
  WHERE "id" = '019ac6a5-5b3c-7e2a-9c41-6d1f0a7b2e10' AND "scope" = 'NATIONAL' AND "level" = 'SEVERE';
UPDATE "threat"."emergency_contact" SET "name" = NULL, "purpose" = 'Reporting an imminent threat.', "source_document" = 'working-with-partners', "source_section" = NULL, "source_quote" = 'To report an imminent threat call 999', "sourced" = true, "updated_at" = now()
  WHERE "slug" = 'emergency-999' AND "phone_number" = '999';
UPDATE "threat"."emergency_contact" SET "name" = 'Anti-Terrorist Hotline', "purpose" = 'Reporting an imminent threat.', "source_document" = 'working-with-partners', "source_section" = NULL, "source_quote" = 'To report an imminent threat … ring the Anti-Terrorist Hotline on 0800 789 321', "sourced" = true, "updated_at" = now()
  WHERE "slug" = 'anti-terrorist-hotline' AND "phone_number" = '0800 789 321';
