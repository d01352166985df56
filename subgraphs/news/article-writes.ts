import type { DatePrecision, NewsArticle } from "../../generated/prisma/client.ts";
import type { ConstraintErrors } from "../../platform/database/errors.ts";
import { ErrorCode } from "../../platform/graphql/error-codes.ts";
import { badUserInput } from "../../platform/graphql/errors.ts";
import * as check from "../../platform/graphql/validation.ts";
import { provenanceOfChange, sourceColumns, SOURCED_COLUMN_NAMES } from "../../platform/provenance.ts";
import { auditedWrite, type AuditedEntity, type KeyedInput, type Transaction, type Writer } from "../../platform/writes/audited-write.ts";
import { versionedTarget, type VersionedInput } from "../../platform/writes/entity-writes.ts";
import { changeVersioned, type Changes, type VersionedTable } from "../../platform/writes/versioned.ts";
import type { ArticleSnapshot } from "./mappers.ts";

export interface PublishArticle extends KeyedInput {
  slug: string;
  title: string;
  summary: string;
  publishedAt?: Date | null;
  publishedAtPrecision?: DatePrecision | null;
  tags: readonly string[];
  mentions: readonly string[];
  idempotencyKey: string;
}

export interface UpdateArticle extends VersionedInput {
  slug?: string | null;
  title?: string | null;
  summary?: string | null;
  publishedAt?: Date | null;
  publishedAtPrecision?: DatePrecision | null;
  tags?: readonly string[] | null;
  mentions?: readonly string[] | null;
}

export interface WithdrawArticle extends VersionedInput {
  reason: string;
}

const TITLE_LENGTH = 300;
const SUMMARY_LENGTH = 2000;
const REASON_LENGTH = 2000;
const TAG_LENGTH = 100;
const MAX_TAGS = 20;
const MAX_MENTIONS = 50;

/**
 * What the news' constraints (see prisma/migrations) mean to a client. A
 * mention is a foreign key to the agencies' table, so a mention of an agency
 * that does not exist rolls back the whole write: no article, no mentions,
 * no audit entry.
 */
export const constraintErrors: ConstraintErrors = {
  article_slug_key: { code: ErrorCode.BAD_USER_INPUT, argument: "input.slug", message: "Another article already has this slug." },
  article_mention_agency_id_fkey: {
    code: ErrorCode.BAD_USER_INPUT,
    argument: "input.mentions",
    message: "input.mentions names an agency that is not in the directory.",
  },
};

/** What a source states of an article: a change to one of these without a source leaves it unsourced. */
const FACTS = ["title", "summary", "publishedAt", "publishedAtPrecision", "tags", "mentions"] as const;

/** An article is written as its row and the agencies it mentions, and answered and audited so. */
const articles: AuditedEntity<ArticleSnapshot> & VersionedTable<NewsArticle> = {
  name: "article",
  entityType: "NewsArticle",
  table: ["news", "article"],
  columns: {
    id: "id",
    slug: "slug",
    title: "title",
    summary: "summary",
    publishedAt: "published_at",
    publishedAtPrecision: "published_at_precision",
    tags: "tags",
    version: "version",
    withdrawnAt: "withdrawn_at",
    withdrawalReason: "withdrawal_reason",
    createdAt: "created_at",
    updatedAt: "updated_at",
    ...SOURCED_COLUMN_NAMES,
  },
  dates: { publishedAt: true, withdrawnAt: true, createdAt: true, updatedAt: true },
  constraints: constraintErrors,
  topics: (article) => ({ agencies: article.mentions, tags: article.tags }),
};

/** Publishes an article with its mentions and tags in one transaction, with its audit entry. */
export function publishArticle(writer: Writer, input: PublishArticle): Promise<ArticleSnapshot> {
  const data = {
    slug: check.slug(input.slug, "input.slug"),
    title: check.requiredText(input.title, "input.title", TITLE_LENGTH),
    summary: check.requiredText(input.summary, "input.summary", SUMMARY_LENGTH),
    publishedAt: check.notInTheFuture(input.publishedAt ?? new Date(), "input.publishedAt"),
    publishedAtPrecision: input.publishedAtPrecision ?? "DAY",
    tags: checkTags(input.tags),
  };
  const mentions = checkMentions(input.mentions);
  return auditedWrite(writer, articles, "publish", { ...input, mentions }, async (tx, source) => {
    const row = await tx.newsArticle.create({ data: { ...data, ...sourceColumns(source) } });
    await mention(tx, row.id, mentions);
    return { before: null, after: { ...row, mentions } };
  });
}

export function updateArticle(writer: Writer, input: UpdateArticle): Promise<ArticleSnapshot> {
  const changes: Changes<NewsArticle> = {
    ...(input.slug != null && { slug: check.slug(input.slug, "input.slug") }),
    ...(input.title != null && { title: check.requiredText(input.title, "input.title", TITLE_LENGTH) }),
    ...(input.summary != null && { summary: check.requiredText(input.summary, "input.summary", SUMMARY_LENGTH) }),
    ...(input.publishedAt != null && { publishedAt: check.notInTheFuture(input.publishedAt, "input.publishedAt") }),
    ...(input.publishedAtPrecision != null && { publishedAtPrecision: input.publishedAtPrecision }),
    ...(input.tags != null && { tags: checkTags(input.tags) }),
  };
  const mentions = input.mentions == null ? undefined : checkMentions(input.mentions);
  return changeArticle(writer, "update", { ...input, mentions }, changes, mentions);
}

export function withdrawArticle(writer: Writer, input: WithdrawArticle): Promise<ArticleSnapshot> {
  const reason = check.requiredText(input.reason, "input.reason", REASON_LENGTH);
  return changeArticle(writer, "withdraw", input, { withdrawnAt: new Date(), withdrawalReason: reason });
}

/**
 * Changes an article that has not been withdrawn, at the version the caller
 * read, and replaces its mentions when given. The versioned change locks the
 * row until the transaction ends, so of two racing writers exactly one
 * changes the mentions too. Its source changes as `provenanceOfChange`
 * says: withdrawing changes no fact, so it keeps the article's source.
 */
function changeArticle(
  writer: Writer,
  verb: string,
  input: UpdateArticle | WithdrawArticle,
  changes: Changes<NewsArticle>,
  mentions?: string[],
): Promise<ArticleSnapshot> {
  const target = versionedTarget(input);
  return auditedWrite(writer, articles, verb, { ...input, ...target }, async (tx, source) => {
    const provenance = provenanceOfChange(source, { ...changes, mentions }, FACTS);
    const { before, after } = await changeVersioned<NewsArticle>(tx, articles, target, { ...changes, ...provenance }, {
      holds: { withdrawnAt: null },
      otherwise: () => badUserInput("This article has been withdrawn and can no longer be changed.", "input.id"),
    });
    const mentionedBefore = mentions ? await unmention(tx, target.id) : await mentionsOf(tx, target.id);
    if (mentions) await mention(tx, target.id, mentions);
    return {
      before: { ...before, mentions: mentionedBefore },
      after: { ...after, mentions: mentions ?? mentionedBefore },
    };
  });
}

async function mention(tx: Transaction, articleId: string, agencyIds: string[]) {
  if (agencyIds.length) await tx.articleMention.createMany({ data: agencyIds.map((agencyId) => ({ articleId, agencyId })) });
}

/** Removes the article's mentions, answering the ids of the agencies they named, sorted. */
async function unmention(tx: Transaction, articleId: string): Promise<string[]> {
  const removed = await tx.$queryRaw<{ agencyId: string }[]>`
    DELETE FROM "news"."article_mention" WHERE "article_id" = ${articleId}::uuid RETURNING "agency_id" AS "agencyId"`;
  return removed.map((row) => row.agencyId).sort();
}

async function mentionsOf(tx: Transaction, articleId: string): Promise<string[]> {
  const rows = await tx.articleMention.findMany({ where: { articleId }, orderBy: { agencyId: "asc" }, select: { agencyId: true } });
  return rows.map((row) => row.agencyId);
}

/** Trimmed, lowercase and without repeats, in the order given. */
function checkTags(tags: readonly string[]): string[] {
  const normalised = [...new Set(tags.map((tag) => tag.trim().toLowerCase()))];
  if (normalised.some((tag) => !tag || tag.length > TAG_LENGTH)) {
    throw badUserInput(`input.tags must each be 1 to ${TAG_LENGTH} characters.`, "input.tags");
  }
  if (normalised.length > MAX_TAGS) throw badUserInput(`input.tags may hold at most ${MAX_TAGS} tags.`, "input.tags");
  return normalised;
}

/** Agency ids taken as every id argument is, without repeats, sorted as the mentions are read back. */
function checkMentions(mentions: readonly string[]): string[] {
  const ids = [...new Set(mentions.map((id) => check.entityId(id, "input.mentions")))].sort();
  if (ids.length > MAX_MENTIONS) {
    throw badUserInput(`input.mentions may name at most ${MAX_MENTIONS} agencies.`, "input.mentions");
  }
  return ids;
}
