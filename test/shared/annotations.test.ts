// Tag and note rules: a tag is one word of a limited alphabet, a note a bounded string.
import { describe, expect, it } from 'vitest';
import { MAX_NOTE_LENGTH, noteSchema, tagProblem, uniqueTags } from '../../src/shared/annotations.ts';

describe('tags and notes', () => {
  it('accept plain words and refuse spaces, commas, empties and long tags, saying why', () => {
    for (const tag of ['baseline', 'lr-probe', 'v2.1', 'λ-sweep', 'paper:fig3']) expect(tagProblem(tag)).toBeUndefined();
    expect(tagProblem('two words')).toBe('must be 1-40 letters, digits, or . _ - : / + (no spaces or commas) (got "two words")');
    for (const tag of ['', 'a,b', 'x'.repeat(41), 3]) expect(tagProblem(tag)).toMatch(/^must be 1-40 letters/);
  });

  it('keeps notes up to the limit and each tag once', () => {
    expect(noteSchema.safeParse('x'.repeat(MAX_NOTE_LENGTH)).success).toBe(true);
    expect(noteSchema.safeParse('x'.repeat(MAX_NOTE_LENGTH + 1)).error?.issues[0].message).toBe(`must be at most ${MAX_NOTE_LENGTH} characters (got ${MAX_NOTE_LENGTH + 1})`);
    expect(uniqueTags(['a', 'b', 'a'])).toEqual(['a', 'b']);
  });
});
