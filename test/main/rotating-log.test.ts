// The desktop app's main.log: timestamped entries, kept to a bounded size, never throwing.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RotatingLog } from '../../src/main/rotating-log.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sweeplab-desktop-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('RotatingLog', () => {
  it('writes timestamped lines, indenting continuation lines', () => {
    const log = new RotatingLog(path.join(dir, 'main.log'), 1000, () => new Date('2026-12-04T18:00:00Z'));
    log.error('start-up failed', new Error('boom'));
    const text = readFileSync(log.file, 'utf8');
    expect(text).toMatch(/^2026-12-04T18:00:00\.000Z start-up failed: Error: boom\n {4}\s*at /);
    // Every line after the first is indented, so each entry starts with its timestamp.
    expect(text.split('\n').filter(Boolean).slice(1).every((line) => line.startsWith('    '))).toBe(true);
  });

  it('keeps the log under its size: the full file becomes main.log.1', () => {
    const log = new RotatingLog(path.join(dir, 'main.log'), 300);
    for (let i = 0; i < 40; i++) log.write(`entry ${i} ${'x'.repeat(20)}`);
    expect(statSync(log.file).size).toBeLessThanOrEqual(300);
    expect(statSync(`${log.file}.1`).size).toBeLessThanOrEqual(300);
    expect(readdirSync(dir).sort()).toEqual(['main.log', 'main.log.1']);
    expect(readFileSync(log.file, 'utf8')).toContain('entry 39 ');
  });

  it('never throws when the log cannot be written', () => {
    const log = new RotatingLog(path.join(dir, 'no-such-folder', 'main.log'));
    expect(() => log.write('lost')).not.toThrow();
  });
});
