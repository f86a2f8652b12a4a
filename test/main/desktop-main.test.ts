// What the desktop main process does without Electron: settings written atomically, the
// main-process log kept to a bounded size, and the dialog text for a home that cannot be opened
// (a newer store, a damaged one, no write access), from the errors the store really throws.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/main/atomic-write.ts';
import { describeHomeOpenError } from '../../src/main/home-open-error.ts';
import { RotatingLog } from '../../src/main/rotating-log.ts';
import { RunStore } from '../../src/main/store/run-store.ts';

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

describe('describeHomeOpenError', () => {
  const openError = (home: string): unknown => {
    try {
      RunStore.open(home, 'test').close();
    } catch (err) {
      return err;
    }
    throw new Error('the store opened');
  };

  it('says a newer Sweeplab wrote the store', () => {
    RunStore.open(dir, 'test').close();
    const db = new Database(path.join(dir, 'sweeplab.db'));
    db.exec('PRAGMA user_version = 999');
    db.close();
    const problem = describeHomeOpenError(openError(dir), dir);
    expect(problem.title).toBe('Sweeplab is older than its data');
    expect(problem.message).toContain(dir);
    expect(problem.detail).toContain('schema version 999');
    expect(problem.detail).toContain('$SWEEPLAB_HOME');
  });

  it('says the store is damaged, and how to keep it', () => {
    writeFileSync(path.join(dir, 'sweeplab.db'), 'this is not a database, just some text that is long enough '.repeat(20));
    const problem = describeHomeOpenError(openError(dir), dir);
    expect(problem.title).toBe('The run store is damaged');
    expect(problem.detail).toContain('.recover');
    expect(existsSync(path.join(dir, 'sweeplab.db'))).toBe(true);
  });

  it('says the home is not writable', () => {
    const denied = Object.assign(new Error(`EACCES: permission denied, mkdir '${dir}/home'`), { code: 'EACCES' });
    const problem = describeHomeOpenError(denied, path.join(dir, 'home'));
    expect(problem.title).toBe('Sweeplab cannot write to its home');
    expect(problem.detail).toContain('write access');
    expect(describeHomeOpenError(new Error('SQLITE_READONLY: attempt to write a readonly database'), dir).title).toBe('Sweeplab cannot write to its home');
  });

  it('names any other failure with its message', () => {
    const problem = describeHomeOpenError(new Error('disk on fire'), dir);
    expect(problem.title).toBe('Sweeplab cannot open its home');
    expect(problem.detail).toContain('disk on fire');
  });
});
