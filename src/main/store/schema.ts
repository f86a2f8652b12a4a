// The run store's schema as an ordered list of migrations: MIGRATIONS[v] takes a database at
// user_version v to v + 1. Never edit a shipped migration; append one. Opening and version
// checks live in database.ts; the queries in runs.ts, queue.ts, points.ts, network-state.ts
// and replication-store.ts.

export { RUN_STATUSES } from '../../shared/run-status.ts';
export type { RunStatus } from '../../shared/run-status.ts';

// Frozen per migration: a shipped migration must not change when a status is added later.
const statusCheck = ['queued', 'running', 'completed', 'diverged', 'failed', 'cancelled'].map((s) => `'${s}'`).join(', ');
const statusCheckV4 = ['queued', 'running', 'completed', 'diverged', 'failed', 'cancelled', 'pruned'].map((s) => `'${s}'`).join(', ');

export const MIGRATIONS: readonly string[] = [
  // 0 → 1: sweeps, runs (the runs table is the queue), metric points, weights, checkpoints.
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE sweeps (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    spec_json TEXT NOT NULL,
    parent_id INTEGER REFERENCES sweeps(id),
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
    data_source TEXT,
    created_at TEXT NOT NULL
  );
  CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    sweep_id INTEGER REFERENCES sweeps(id),
    point_index INTEGER NOT NULL DEFAULT 0,
    label TEXT NOT NULL,
    point_json TEXT NOT NULL DEFAULT '{}',
    repeat INTEGER NOT NULL DEFAULT 0,
    config_json TEXT NOT NULL,
    seed INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN (${statusCheck})),
    priority INTEGER NOT NULL DEFAULT 0,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    resumed_from_step INTEGER,
    step INTEGER NOT NULL DEFAULT 0,
    total_steps INTEGER,
    created_at TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT,
    compute_seconds REAL NOT NULL DEFAULT 0,
    error_code TEXT,
    error_message TEXT,
    app_version TEXT NOT NULL,
    final_json TEXT,
    final_train_acc REAL,
    final_val_acc REAL,
    final_test_acc REAL,
    final_val_cost REAL,
    best_val_acc REAL,
    best_val_step INTEGER
  );
  CREATE INDEX runs_queue ON runs (status, priority DESC, id);
  CREATE INDEX runs_sweep ON runs (sweep_id, point_index, repeat);
  CREATE TABLE metric_points (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    step INTEGER NOT NULL,
    epoch REAL NOT NULL,
    eta REAL NOT NULL,
    train_cost REAL, train_loss REAL, train_acc REAL,
    val_cost REAL, val_loss REAL, val_acc REAL,
    PRIMARY KEY (run_id, step)
  ) WITHOUT ROWID;
  CREATE TABLE weights (
    run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
    precision TEXT NOT NULL,
    layers_json TEXT NOT NULL,
    params BLOB NOT NULL,
    running BLOB NOT NULL
  );
  CREATE TABLE checkpoints (
    run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
    step INTEGER NOT NULL,
    state BLOB NOT NULL,
    created_at TEXT NOT NULL
  );
  `,
  // 1 → 2: which process runs a run, so that a second process only recovers the runs of dead ones.
  `
  ALTER TABLE runs ADD COLUMN owner_pid INTEGER;
  `,
  // 2 → 3: `sweeplab replicate` — a replication of the study, the sweeps of each of its stages,
  // and the gradient checks it ran (they are not runs: no queue, no curves, one report each).
  `
  CREATE TABLE replications (
    id INTEGER PRIMARY KEY,
    mode TEXT NOT NULL CHECK (mode IN ('full', 'quick')),
    repeats INTEGER NOT NULL,
    info_json TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    finished_at TEXT,
    wall_seconds REAL NOT NULL DEFAULT 0
  );
  CREATE TABLE replication_sweeps (
    replication_id INTEGER NOT NULL REFERENCES replications(id) ON DELETE CASCADE,
    stage TEXT NOT NULL,
    sweep_id INTEGER NOT NULL REFERENCES sweeps(id),
    PRIMARY KEY (replication_id, stage)
  ) WITHOUT ROWID;
  CREATE TABLE gradient_checks (
    replication_id INTEGER NOT NULL REFERENCES replications(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    spec_json TEXT NOT NULL,
    report_json TEXT NOT NULL,
    passed INTEGER NOT NULL,
    seconds REAL NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (replication_id, key)
  ) WITHOUT ROWID;
  `,
  // 3 → 4: early stopping and annotations. Runs may end \`pruned\` (SQLite cannot change a CHECK
  // in place, so the runs table is rebuilt, every row and id kept; foreign keys are off while
  // migrating, so the tables that point at runs keep their rows); each rung decision with its
  // evidence; notes on runs and sweeps; tags on both.
  `
  CREATE TABLE runs_v4 (
    id INTEGER PRIMARY KEY,
    sweep_id INTEGER REFERENCES sweeps(id),
    point_index INTEGER NOT NULL DEFAULT 0,
    label TEXT NOT NULL,
    point_json TEXT NOT NULL DEFAULT '{}',
    repeat INTEGER NOT NULL DEFAULT 0,
    config_json TEXT NOT NULL,
    seed INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN (${statusCheckV4})),
    priority INTEGER NOT NULL DEFAULT 0,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    resumed_from_step INTEGER,
    step INTEGER NOT NULL DEFAULT 0,
    total_steps INTEGER,
    created_at TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT,
    compute_seconds REAL NOT NULL DEFAULT 0,
    error_code TEXT,
    error_message TEXT,
    app_version TEXT NOT NULL,
    final_json TEXT,
    final_train_acc REAL,
    final_val_acc REAL,
    final_test_acc REAL,
    final_val_cost REAL,
    best_val_acc REAL,
    best_val_step INTEGER,
    owner_pid INTEGER,
    note TEXT NOT NULL DEFAULT ''
  );
  INSERT INTO runs_v4 (id, sweep_id, point_index, label, point_json, repeat, config_json, seed, status, priority,
    cancel_requested, attempts, resumed_from_step, step, total_steps, created_at, started_at, finished_at, compute_seconds,
    error_code, error_message, app_version, final_json, final_train_acc, final_val_acc, final_test_acc, final_val_cost,
    best_val_acc, best_val_step, owner_pid)
  SELECT id, sweep_id, point_index, label, point_json, repeat, config_json, seed, status, priority,
    cancel_requested, attempts, resumed_from_step, step, total_steps, created_at, started_at, finished_at, compute_seconds,
    error_code, error_message, app_version, final_json, final_train_acc, final_val_acc, final_test_acc, final_val_cost,
    best_val_acc, best_val_step, owner_pid FROM runs;
  DROP TABLE runs;
  ALTER TABLE runs_v4 RENAME TO runs;
  CREATE INDEX runs_queue ON runs (status, priority DESC, id);
  CREATE INDEX runs_sweep ON runs (sweep_id, point_index, repeat);
  ALTER TABLE sweeps ADD COLUMN note TEXT NOT NULL DEFAULT '';
  CREATE TABLE rung_decisions (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    rung INTEGER NOT NULL,
    rung_step INTEGER NOT NULL,
    step INTEGER NOT NULL,
    metric TEXT NOT NULL,
    value REAL,
    threshold REAL,
    competitors INTEGER NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('continue', 'prune')),
    PRIMARY KEY (run_id, rung)
  ) WITHOUT ROWID;
  CREATE TABLE run_tags (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (run_id, tag)
  ) WITHOUT ROWID;
  CREATE INDEX run_tags_by_tag ON run_tags (tag, run_id);
  CREATE TABLE sweep_tags (
    sweep_id INTEGER NOT NULL REFERENCES sweeps(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (sweep_id, tag)
  ) WITHOUT ROWID;
  `,
  // 4 → 5: which remote worker (name@host) runs or ran a run; NULL for this machine's pool.
  `
  ALTER TABLE runs ADD COLUMN worker TEXT;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
