// writeFileAtomic: the file is replaced whole, and a failed write leaves what was there.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/main/atomic-write.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sweeplab-desktop-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('replaces the file whole and leaves no temporary file', () => {
    const file = path.join(dir, 'settings.json');
    writeFileSync(file, '{ "workers": 1 }\n');
    writeFileAtomic(file, '{ "workers": 3 }\n');
    expect(readFileSync(file, 'utf8')).toBe('{ "workers": 3 }\n');
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('leaves what was there as it was when the write fails', () => {
    // A non-empty folder where the file should go: the rename fails after the temporary file was written.
    const target = path.join(dir, 'settings.json');
    mkdirSync(target);
    writeFileSync(path.join(target, 'kept'), 'old');
    expect(() => writeFileAtomic(target, 'new')).toThrow();
    expect(readFileSync(path.join(target, 'kept'), 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });
});
