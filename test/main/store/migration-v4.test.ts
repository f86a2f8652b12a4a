// The migration to schema 4 (pruned runs, rung decisions, notes, tags) on a store written by
// schema 3: every sweep, run, point, checkpoint and weight row survives with its id, foreign
// keys still hold, and the rebuilt runs table accepts `pruned` and still refuses nonsense.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'libsql';
import { describe, expect, it } from 'vitest';
import { STORE_FILE } from '../../../src/main/store/database.ts';
import { RunStore } from '../../../src/main/store/run-store.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../src/main/store/schema.ts';
import { tinyConfig, withHome } from '../../helpers/engine-fixture.ts';

/** A schema-3 store with two sweeps' worth of runs in every state schema 3 knew. */
function writeVersion3(home: string): void {
  mkdirSync(home, { recursive: true });
  const db = new Database(path.join(home, STORE_FILE));
  db.exec(`${MIGRATIONS.slice(0, 3).join(';\n')}; PRAGMA user_version = 3;`);
  db.prepare("INSERT INTO sweeps (id, name, spec_json, created_at) VALUES (4, 'old', '{}', 'then')").run();
  const insert = db.prepare(`INSERT INTO runs (id, sweep_id, label, config_json, seed, status, created_at, app_version, final_val_acc, owner_pid)
    VALUES (?, 4, ?, ?, 1, ?, 'then', '0.0.1', ?, ?)`);
  const statuses = ['queued', 'running', 'completed', 'diverged', 'failed', 'cancelled'];
  statuses.forEach((status, i) => insert.run(10 + i, `run ${i}`, JSON.stringify(tinyConfig({ seed: i })), status, status === 'completed' ? 0.42 : null, 77));
  db.prepare("INSERT INTO metric_points (run_id, step, epoch, eta, val_acc) VALUES (12, 0, 0, 0.1, 0.1), (12, 20, 1, 0.1, 0.42)").run();
  db.prepare("INSERT INTO weights (run_id, precision, layers_json, params, running) VALUES (12, 'float32', '[4,2]', zeroblob(40), x'')").run();
  db.prepare("INSERT INTO checkpoints (run_id, step, state, created_at) VALUES (11, 10, x'0a0b', 'then')").run();
  db.close();
}

describe('schema 4', () => {
  it('keeps every run of a schema-3 store, with its points, weights and checkpoint', async () => {
    await withHome(async (home) => {
      writeVersion3(home);
      const store = RunStore.open(home, 'test');
      expect(store.db.prepare('PRAGMA user_version').all()).toEqual([{ user_version: SCHEMA_VERSION }]);
      const runs = store.listRuns();
      expect(runs.map((r) => [r.id, r.status, r.label])).toEqual([
        [10, 'queued', 'run 0'], [11, 'running', 'run 1'], [12, 'completed', 'run 2'],
        [13, 'diverged', 'run 3'], [14, 'failed', 'run 4'], [15, 'cancelled', 'run 5'],
      ]);
      expect(runs[2].config).toEqual(tinyConfig({ seed: 2 }));
      expect(store.getCurves(12).map((p) => p.val.accuracy)).toEqual([0.1, 0.42]);
      expect(store.getWeights(12)?.params).toEqual(new Uint8Array(40)); // a 4-2 float32 classifier
      expect(store.getCheckpoint(11)?.step).toBe(10);
      expect(store.db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
      expect(store.db.prepare("SELECT owner_pid, note FROM runs WHERE id = 12").all()).toEqual([{ owner_pid: 77, note: '' }]);
      store.close();
    });
  });

  it('accepts pruned runs and still refuses an unknown status', async () => {
    await withHome(async (home) => {
      writeVersion3(home);
      const store = RunStore.open(home, 'test');
      store.db.prepare("UPDATE runs SET status = 'pruned' WHERE id = 10").run();
      expect(store.getRun(10)?.status).toBe('pruned');
      expect(() => store.db.prepare("UPDATE runs SET status = 'paused' WHERE id = 10").run()).toThrow(/CHECK constraint/);
      // Deleting a run still takes its points along: the rebuilt table kept the cascade.
      store.db.prepare('DELETE FROM runs WHERE id = 12').run();
      expect(store.getCurves(12)).toEqual([]);
      store.close();
    });
  });
});
