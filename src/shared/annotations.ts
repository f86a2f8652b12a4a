// Notes and tags on runs and sweeps: what a user wrote about a result. The rules for a tag and
// a note, checked at every boundary (CLI, API) with one message naming the field. Storage is
// the run store's; showing them is the CLI's and the renderer's.
import { z } from 'zod';
import { rule } from './config-schema.ts';

/** Longest note kept, in characters. */
export const MAX_NOTE_LENGTH = 10_000;
export const MAX_TAG_LENGTH = 40;

const TAG_RULE = `must be 1-${MAX_TAG_LENGTH} letters, digits, or . _ - : / + (no spaces or commas)`;

export const tagSchema = z.string({ error: rule(TAG_RULE) }).regex(/^[\p{L}\p{N}._:/+-]+$/u, { error: rule(TAG_RULE) }).max(MAX_TAG_LENGTH, { error: rule(TAG_RULE) });

export const noteSchema = z.string({ error: rule('must be a string') })
  .max(MAX_NOTE_LENGTH, { error: (issue) => `must be at most ${MAX_NOTE_LENGTH} characters (got ${String(issue.input).length})` });

/** The problem with `tag`, or undefined when it is a valid tag. */
export function tagProblem(tag: unknown): string | undefined {
  const result = tagSchema.safeParse(tag);
  return result.success ? undefined : result.error.issues[0].message;
}

/** Tags as given, each once, in first-seen order. */
export function uniqueTags(tags: readonly string[]): string[] {
  return [...new Set(tags)];
}
