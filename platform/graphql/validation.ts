import { isUuid } from "../database/ids.ts";
import { badUserInput } from "./errors.ts";

// Checks on text arguments of mutations; each names the argument at fault.

export function requiredText(value: string, argument: string, maxLength: number): string {
  const text = value.trim();
  if (!text) throw badUserInput(`${argument} must not be empty.`, argument);
  if (text.length > maxLength) throw badUserInput(`${argument} must be at most ${maxLength} characters.`, argument);
  return text;
}

/** Null or absent stays so; an empty string is refused rather than silently cleared. */
export function optionalText(value: string | null | undefined, argument: string, maxLength: number) {
  return value == null ? value : requiredText(value, argument, maxLength);
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function slug(value: string, argument: string): string {
  if (!SLUG.test(value) || value.length > 64) {
    throw badUserInput(
      `${argument} must be lowercase letters, digits and single hyphens, at most 64 characters.`,
      argument,
    );
  }
  return value;
}

export function idempotencyKey(value: string | null | undefined): string | null {
  if (value == null) return null;
  return requiredText(value, "input.idempotencyKey", 200);
}

/** Refuses a moment after now where only the past makes sense. */
export function notInTheFuture(value: Date, argument: string): Date {
  if (value.getTime() > Date.now()) throw badUserInput(`${argument} must not be in the future.`, argument);
  return value;
}

/**
 * The one way an id argument is taken: a UUID in any case becomes the id it
 * names in lower case, as Postgres answers ids; anything else is refused,
 * naming the argument.
 */
export function entityId(value: string, argument: string): string {
  if (!isUuid(value)) throw badUserInput(`${argument} is not a well-formed id.`, argument);
  return value.toLowerCase();
}
