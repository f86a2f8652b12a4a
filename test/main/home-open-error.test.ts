// The dialog text for a home the desktop app cannot open (a newer store, a damaged one, no write
// access), from the errors the store really throws.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeHomeOpenError } from '../../src/main/home-open-error.ts';
import { RunStore } from '../../src/main/store/run-store.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sweeplab-desktop-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

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

  it('says where the home cannot be created', () => {
    const file = path.join(dir, 'a-file');
    writeFileSync(file, '');
    const problem = describeHomeOpenError(openError(path.join(file, 'home')), path.join(file, 'home'));
    expect(problem.title).toBe('Sweeplab cannot open its home');
    expect(problem.detail).toContain('cannot create the Sweeplab home here (ENOTDIR');
  });

  it('says the home is not writable', () => {
    const denied = Object.assign(new Error(`EACCES: permission denied, mkdir '${dir}/home'`), { code: 'EACCES' });
    const problem = describeHomeOpenError(denied, path.join(dir, 'home'));
    expect(problem.title).toBe('Sweeplab cannot write to its home');
    expect(problem.detail).toContain('write access');
    expect(describeHomeOpenError(new Error('SQLITE_READONLY: attempt to write a readonly database'), dir).title).toBe('Sweeplab cannot write to its home');
    expect(describeHomeOpenError(new Error("EPERM: operation not permitted, mkdir '/x'"), dir).title).toBe('Sweeplab cannot write to its home');
  });

  it('names any other failure with its message', () => {
    const problem = describeHomeOpenError(new Error('disk on fire'), dir);
    expect(problem.title).toBe('Sweeplab cannot open its home');
    expect(problem.detail).toContain('disk on fire');
  });
});
