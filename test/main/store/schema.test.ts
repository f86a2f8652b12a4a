// Opening the run store: a new home gets the current schema in WAL mode; a corrupted file or a
// store written by a newer Sweeplab is refused with a clear error and left byte for byte as
// it was; an older schema is migrated.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'libsql';
import { describe, expect, it } from 'vitest';
import { StoreError, STORE_FILE } from '../../../src/main/store/database.ts';
import { RunStore } from '../../../src/main/store/run-store.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../src/main/store/schema.ts';
import { runsOf, tinyConfig, withHome } from '../../helpers/engine-fixture.ts';

function openError(home: string): StoreError {
  try {
    RunStore.open(home, 'test').close();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return err as StoreError;
  }
  throw new Error('expected the store to be refused');
}

describe('opening the run store', () => {
  it('creates the schema at the current version, in WAL mode', async () => {
    await withHome(async (home) => {
      const store = RunStore.open(path.join(home, 'nested', 'home'), 'test');
      expect(store.db.prepare('PRAGMA user_version').all()).toEqual([{ user_version: SCHEMA_VERSION }]);
      expect(store.db.prepare('PRAGMA journal_mode').all()).toEqual([{ journal_mode: 'wal' }]);
      const tables = (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
      expect(tables).toEqual(['checkpoints', 'gradient_checks', 'meta', 'metric_points', 'replication_sweeps', 'replications', 'run_tags', 'rung_decisions', 'runs', 'sweep_tags', 'sweeps', 'weights']);
      store.close();
      RunStore.open(path.join(home, 'nested', 'home'), 'test').close(); // reopening migrates nothing
    });
  });

  it('refuses a file that is not a SQLite database and leaves it untouched', async () => {
    await withHome(async (home) => {
      const file = path.join(home, STORE_FILE);
      const garbage = randomBytes(8192);
      writeFileSync(file, garbage);
      const err = openError(home);
      expect(err.code).toBe('io');
      expect(err.message).toContain(file);
      expect(err.message).toMatch(/not a readable Sweeplab run store .*left untouched/);
      expect(readFileSync(file).equals(garbage)).toBe(true);
      expect(readdirSync(home)).toEqual([STORE_FILE]); // no journal or WAL left beside it either
    });
  });

  it('refuses a SQLite file whose pages are damaged and leaves it untouched', async () => {
    await withHome(async (home) => {
      const store = RunStore.open(home, 'test');
      store.createSweep({ name: 's', spec: {}, runs: runsOf([tinyConfig(), tinyConfig({ seed: 2 })]) });
      store.close();
      const file = path.join(home, STORE_FILE);
      const bytes = readFileSync(file);
      // Page 1 (header, catalogue) intact; every later page overwritten.
      const damaged = Buffer.concat([bytes.subarray(0, 4096), randomBytes(bytes.length - 4096)]);
      writeFileSync(file, damaged);
      const err = openError(home);
      expect(err.message).toMatch(/not a readable Sweeplab run store/);
      expect(readFileSync(file).equals(damaged)).toBe(true);
    });
  });

  it('refuses a store with a newer schema version and does not change it', async () => {
    await withHome(async (home) => {
      mkdirSync(home, { recursive: true });
      const file = path.join(home, STORE_FILE);
      const db = new Database(file);
      db.exec(`CREATE TABLE future (x); PRAGMA user_version = ${SCHEMA_VERSION + 1};`);
      db.close();
      const before = readFileSync(file);
      const err = openError(home);
      expect(err.message).toContain(`schema version ${SCHEMA_VERSION + 1}, newer than this Sweeplab understands (${SCHEMA_VERSION})`);
      expect(err.details).toEqual({ file, reason: 'newer' });
      expect(readFileSync(file).equals(before)).toBe(true);
    });
  });

  it('migrates an empty version-0 database', async () => {
    await withHome(async (home) => {
      mkdirSync(home, { recursive: true });
      const db = new Database(path.join(home, STORE_FILE));
      db.exec('CREATE TABLE unrelated (x)');
      db.close();
      const store = RunStore.open(home, 'test');
      expect(store.db.prepare('PRAGMA user_version').all()).toEqual([{ user_version: SCHEMA_VERSION }]);
      store.close();
    });
  });

  it('migrates a version-1 store and keeps its runs', async () => {
    await withHome(async (home) => {
      mkdirSync(home, { recursive: true });
      const db = new Database(path.join(home, STORE_FILE));
      db.exec(`${MIGRATIONS[0]}; PRAGMA user_version = 1;`);
      db.prepare("INSERT INTO runs (label, config_json, seed, created_at, app_version) VALUES ('old', ?, 1, 'then', '0.0.1')").run(JSON.stringify(tinyConfig()));
      db.close();
      const store = RunStore.open(home, 'test');
      expect(store.db.prepare('PRAGMA user_version').all()).toEqual([{ user_version: SCHEMA_VERSION }]);
      expect(store.getRun(1)).toMatchObject({ label: 'old', status: 'queued', appVersion: '0.0.1' });
      expect(store.claim(1)).toBe(true);
      store.close();
    });
  });
});
