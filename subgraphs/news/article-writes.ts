import type { DatePrecision, NewsArticle, Prisma } from "../../generated/prisma/client.ts";
import type { Identity } from "../../platform/auth/identity.ts";
import { foreignKeyViolation, uniqueViolation } from "../../platform/database/errors.ts";
import { isUuid } from "../../platform/database/ids.ts";
import type { PrismaClient } from "../../platform/database/prisma.ts";
import { badUserInput } from "../../platform/graphql/errors.ts";
import * as check from "../../platform/graphql/validation.ts";
import { auditedWrite, type Transaction } from "../../platform/writes/audited-write.ts";
import { notFound, staleVersion } from "../../platform/writes/versioned.ts";

export interface PublishArticle {
  slug: string;
  title: string;
  summary: string;
  publishedAt?: Date | null;
  publishedAtPrecision?: DatePrecision | null;
  tags: readonly string[];
  mentions: readonly string[];
  idempotencyKey: string;
}

export interface UpdateArticle {
  id: string;
  version: number;
  slug?: string | null;
  title?: string | null;
  summary?: string | null;
  publishedAt?: Date | null;
  publishedAtPrecision?: DatePrecision | null;
  tags?: readonly string[] | null;
  mentions?: readonly string[] | null;
  idempotencyKey?: string | null;
}

export interface WithdrawArticle {
  id: string;
  version: number;
  reason: string;
  idempotencyKey?: string | null;
}

const TITLE_LENGTH = 300;
const SUMMARY_LENGTH = 2000;
const REASON_LENGTH = 2000;
const TAG_LENGTH = 100;
const MAX_TAGS = 20;
const MAX_MENTIONS = 50;

/** An article as the audit trail keeps it: its row and the ids of the agencies it mentions. */
type ArticleSnapshot = NewsArticle & { mentions: string[] };

const loadArticle = (prisma: PrismaClient, id: string) => prisma.newsArticle.findUnique({ where: { id } });

/**
 * Publishes an article with its mentions and tags in one transaction, with
 * its audit entry. A mention of an agency that does not exist fails on the
 * mentions' foreign key to the agencies' table, which rolls back the whole
 * write: no article, no mentions, no audit entry.
 */
export function publishArticle(prisma: PrismaClient, identity: Identity, input: PublishArticle): Promise<NewsArticle> {
  const data = {
    slug: check.slug(input.slug, "input.slug"),
    title: check.requiredText(input.title, "input.title", TITLE_LENGTH),
    summary: check.requiredText(input.summary, "input.summary", SUMMARY_LENGTH),
    publishedAt: check.notInTheFuture(input.publishedAt ?? new Date(), "input.publishedAt"),
    publishedAtPrecision: input.publishedAtPrecision ?? "DAY",
    tags: checkTags(input.tags),
  };
  const mentions = checkMentions(input.mentions);
  return withConstraintChecks(
    auditedWrite(prisma, identity, {
      action: "article.publish",
      entityType: "NewsArticle",
      idempotencyKey: check.idempotencyKey(input.idempotencyKey),
      load: loadArticle,
      apply: async (tx) => {
        const entity = await tx.newsArticle.create({ data });
        await mention(tx, entity.id, mentions);
        return { entity, before: null, after: { ...entity, mentions } };
      },
    }),
  );
}

export function updateArticle(prisma: PrismaClient, identity: Identity, input: UpdateArticle): Promise<NewsArticle> {
  const changes: Prisma.NewsArticleUpdateManyMutationInput = {
    ...(input.slug != null && { slug: check.slug(input.slug, "input.slug") }),
    ...(input.title != null && { title: check.requiredText(input.title, "input.title", TITLE_LENGTH) }),
    ...(input.summary != null && { summary: check.requiredText(input.summary, "input.summary", SUMMARY_LENGTH) }),
    ...(input.publishedAt != null && { publishedAt: check.notInTheFuture(input.publishedAt, "input.publishedAt") }),
    ...(input.publishedAtPrecision != null && { publishedAtPrecision: input.publishedAtPrecision }),
    ...(input.tags != null && { tags: checkTags(input.tags) }),
  };
  const mentions = input.mentions == null ? undefined : checkMentions(input.mentions);
  return withConstraintChecks(
    auditedWrite(prisma, identity, {
      action: "article.update",
      entityType: "NewsArticle",
      idempotencyKey: check.idempotencyKey(input.idempotencyKey),
      load: loadArticle,
      apply: async (tx) => {
        const before = await editableArticle(tx, input);
        return changeVersioned(tx, input, before, changes, mentions);
      },
    }),
  );
}

export function withdrawArticle(prisma: PrismaClient, identity: Identity, input: WithdrawArticle): Promise<NewsArticle> {
  const reason = check.requiredText(input.reason, "input.reason", REASON_LENGTH);
  return auditedWrite(prisma, identity, {
    action: "article.withdraw",
    entityType: "NewsArticle",
    idempotencyKey: check.idempotencyKey(input.idempotencyKey),
    load: loadArticle,
    apply: async (tx) => {
      const before = await editableArticle(tx, input);
      return changeVersioned(tx, input, before, { withdrawnAt: new Date(), withdrawalReason: reason });
    },
  });
}

/**
 * Applies `changes` (and replaces the mentions, when given) only if the
 * article is still at the version the caller read. The version check and the
 * change are one statement, which also locks the row until the transaction
 * ends, so of two racing writers exactly one wins and the other gets
 * CONFLICT, and the mentions are replaced by the winner alone.
 */
async function changeVersioned(
  tx: Transaction,
  { id, version }: { id: string; version: number },
  before: ArticleSnapshot,
  changes: Prisma.NewsArticleUpdateManyMutationInput,
  mentions?: string[],
) {
  const { count } = await tx.newsArticle.updateMany({
    where: { id, version },
    data: { ...changes, version: { increment: 1 } },
  });
  if (count === 0) {
    const current = await tx.newsArticle.findUnique({ where: { id }, select: { version: true } });
    throw staleVersion("article", current!.version);
  }
  if (mentions) {
    await tx.articleMention.deleteMany({ where: { articleId: id } });
    await mention(tx, id, mentions);
  }
  const entity = (await tx.newsArticle.findUnique({ where: { id } }))!;
  return { entity, before, after: { ...entity, mentions: mentions ?? before.mentions } };
}

async function mention(tx: Transaction, articleId: string, agencyIds: string[]) {
  if (agencyIds.length) await tx.articleMention.createMany({ data: agencyIds.map((agencyId) => ({ articleId, agencyId })) });
}

/** The article at the version the caller names, with its mentions, if it may still be changed. */
async function editableArticle(tx: Transaction, { id, version }: { id: string; version: number }): Promise<ArticleSnapshot> {
  const current = isUuid(id)
    ? await tx.newsArticle.findUnique({
        where: { id },
        include: { mentions: { select: { agencyId: true }, orderBy: { agencyId: "asc" } } },
      })
    : null;
  if (!current) throw notFound("article");
  if (current.version !== version) throw staleVersion("article", current.version);
  if (current.withdrawnAt) throw badUserInput("This article has been withdrawn and can no longer be changed.", "input.id");
  return { ...current, mentions: current.mentions.map((mention) => mention.agencyId) };
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

/** Well-formed agency ids, without repeats, sorted as the mentions are read back. */
function checkMentions(mentions: readonly string[]): string[] {
  if (!mentions.every(isUuid)) throw badUserInput("input.mentions must be agency ids.", "input.mentions");
  const ids = [...new Set(mentions.map((id) => id.toLowerCase()))].sort();
  if (ids.length > MAX_MENTIONS) {
    throw badUserInput(`input.mentions may name at most ${MAX_MENTIONS} agencies.`, "input.mentions");
  }
  return ids;
}

/**
 * Turns the violations the database settles, rather than a read that could
 * race, into input errors: a slug another article has, and a mention of an
 * agency the mentions' foreign key does not find.
 */
async function withConstraintChecks(write: Promise<NewsArticle>): Promise<NewsArticle> {
  try {
    return await write;
  } catch (error) {
    if (uniqueViolation(error)?.some((column) => /slug/.test(column))) {
      throw badUserInput("Another article already has this slug.", "input.slug");
    }
    if (foreignKeyViolation(error)?.some((column) => /agency/.test(column))) {
      throw badUserInput("input.mentions names an agency that is not in the directory.", "input.mentions");
    }
    throw error;
  }
}
