// No merge left its conflict markers in a text file of the repository: one did once, in
// ARCHITECTURE.md, and neither the type check nor the linter reads Markdown.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Generated, installed or written by tools: not ours to keep clean. */
const SKIP = new Set(['node_modules', '.git', 'out', 'dist', 'test-results', 'playwright-report']);
const TEXT = /\.(md|ts|mts|mjs|js|json|ya?ml|vue|wat|py|css|html)$/;

/** A line that only a conflict leaves: `<<<<<<< x`, a bare `=======`, `>>>>>>> x`. */
export const CONFLICT_MARKER = /^(?:<{7}(?: .*)?|={7}|>{7}(?: .*)?)$/m;

function textFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (SKIP.has(e.name)) return [];
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return textFiles(file);
    return e.isFile() && TEXT.test(e.name) ? [file] : [];
  });
}

describe('the repository', () => {
  it('the pattern finds conflict markers and not Markdown rules or arrows', () => {
    for (const text of ['a\n<<<<<<< HEAD\nb', '=======', 'x\n>>>>>>> main']) expect(text).toMatch(CONFLICT_MARKER);
    for (const text of ['=== heading', '--->', 'a >>>>>>> b', '========']) expect(text).not.toMatch(CONFLICT_MARKER);
  });

  it('holds no merge conflict markers', () => {
    const files = textFiles(ROOT);
    expect(files.length).toBeGreaterThan(100);
    const conflicted = files.filter((file) => CONFLICT_MARKER.test(readFileSync(file, 'utf8'))).map((file) => path.relative(ROOT, file));
    expect(conflicted).toEqual([]);
  });
});
