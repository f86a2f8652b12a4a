// The migration to schema 5 (the remote worker of a run) on a store written by schema 4, as
// databases that took the search migration already are: every run keeps its row, its status
// (pruned included), note and tags, and gains a `worker` of NULL that remote runs then set.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'libsql';
import { describe, expect, it } from 'vitest';
import { STORE_FILE } from '../../../src/main/store/database.ts';
import { RunStore } from '../../../src/main/store/run-store.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../src/main/store/schema.ts';
import { tinyConfig, withHome } from '../../helpers/engine-fixture.ts';

function writeVersion4(home: string): void {
  mkdirSync(home, { recursive: true });
  const db = new Database(path.join(home, STORE_FILE));
  db.exec(`${MIGRATIONS.slice(0, 4).join(';\n')}; PRAGMA user_version = 4;`);
  db.prepare("INSERT INTO sweeps (id, name, spec_json, created_at) VALUES (4, 'old', '{}', 'then')").run();
  const insert = db.prepare(`INSERT INTO runs (id, sweep_id, label, config_json, seed, status, created_at, app_version, note)
    VALUES (?, 4, ?, ?, 1, ?, 'then', '0.0.1', ?)`);
  insert.run(10, 'run 0', JSON.stringify(tinyConfig({ seed: 0 })), 'completed', 'kept');
  insert.run(11, 'run 1', JSON.stringify(tinyConfig({ seed: 1 })), 'pruned', '');
  db.prepare("INSERT INTO run_tags (run_id, tag) VALUES (11, 'asha')").run();
  db.close();
}

describe('schema 5', () => {
  it('adds the worker column to a schema-4 store and keeps its runs, notes and tags', async () => {
    await withHome(async (home) => {
      writeVersion4(home);
      const store = RunStore.open(home, 'test');
      expect(SCHEMA_VERSION).toBe(5);
      expect(store.db.prepare('PRAGMA user_version').all()).toEqual([{ user_version: SCHEMA_VERSION }]);
      expect(store.listRuns().map((r) => [r.id, r.status, r.worker])).toEqual([[10, 'completed', null], [11, 'pruned', null]]);
      expect(store.db.prepare('SELECT id, note FROM runs ORDER BY id').all()).toEqual([{ id: 10, note: 'kept' }, { id: 11, note: '' }]);
      expect(store.db.prepare('SELECT run_id, tag FROM run_tags').all()).toEqual([{ run_id: 11, tag: 'asha' }]);
      store.db.prepare("UPDATE runs SET worker = 'lab2@host' WHERE id = 10").run();
      expect(store.getRun(10)?.worker).toBe('lab2@host');
      expect(store.db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
      store.close();
    });
  });
});
