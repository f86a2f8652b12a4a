// The replications of a Sweeplab home (`sweeplab replicate`): one row per replication, the
// sweep of each of its stages, and its gradient-check reports. Shares the RunStore's database
// (schema v3); the sweeps and runs themselves stay in the RunStore. No orchestration here.
import type { GradCheckReport } from '../../core/gradcheck.ts';
import type { ReplicationInfo } from '../../shared/replicate/model.ts';
import type { GradCheckPlan, StageId } from '../../shared/replicate/plan.ts';
import type { RunStore } from './run-store.ts';

export type { ReplicationInfo } from '../../shared/replicate/model.ts';
export type ReplicationMode = 'full' | 'quick';

export interface ReplicationRecord {
  id: number;
  mode: ReplicationMode;
  repeats: number;
  info: ReplicationInfo;
  createdAt: string;
  finishedAt: string | null;
  /** Summed over every `sweeplab replicate` that worked on it. */
  wallSeconds: number;
  /** Stage → sweep id. */
  sweeps: Partial<Record<StageId, number>>;
}

export interface StoredCheck {
  key: string;
  plan: GradCheckPlan;
  report: GradCheckReport;
  seconds: number;
  createdAt: string;
}

interface ReplicationRow {
  id: number; mode: ReplicationMode; repeats: number; info_json: string; created_at: string; finished_at: string | null; wall_seconds: number;
}

export class ReplicationStore {
  constructor(private readonly store: RunStore) {}

  private prepare(sql: string) {
    return this.store.prepared(sql);
  }

  create(mode: ReplicationMode, repeats: number, info: ReplicationInfo): number {
    const { lastInsertRowid } = this.prepare('INSERT INTO replications (mode, repeats, info_json, created_at) VALUES (?, ?, ?, ?)')
      .run(mode, repeats, JSON.stringify(info), new Date().toISOString());
    return Number(lastInsertRowid);
  }

  get(id: number): ReplicationRecord | undefined {
    const row = this.prepare('SELECT * FROM replications WHERE id = ?').get(id) as ReplicationRow | undefined;
    return row && this.toRecord(row);
  }

  /** The newest replication, or the newest of one mode and repeat count. */
  latest(filter: { mode?: ReplicationMode; repeats?: number } = {}): ReplicationRecord | undefined {
    const rows = this.prepare('SELECT * FROM replications ORDER BY id DESC').all() as ReplicationRow[];
    const row = rows.find((r) => (filter.mode === undefined || r.mode === filter.mode) && (filter.repeats === undefined || r.repeats === filter.repeats));
    return row && this.toRecord(row);
  }

  setInfo(id: number, info: ReplicationInfo): void {
    this.prepare('UPDATE replications SET info_json = ? WHERE id = ?').run(JSON.stringify(info), id);
  }

  addWallSeconds(id: number, seconds: number): void {
    this.prepare('UPDATE replications SET wall_seconds = wall_seconds + ? WHERE id = ?').run(seconds, id);
  }

  /** Finished: every stage of every section asked for has ended (null: work was added again). */
  setFinished(id: number, finished: boolean): void {
    this.prepare('UPDATE replications SET finished_at = ? WHERE id = ?').run(finished ? new Date().toISOString() : null, id);
  }

  linkSweep(id: number, stage: StageId, sweepId: number): void {
    this.prepare('INSERT INTO replication_sweeps (replication_id, stage, sweep_id) VALUES (?, ?, ?)').run(id, stage, sweepId);
  }

  saveCheck(id: number, plan: GradCheckPlan, report: GradCheckReport, seconds: number): void {
    this.prepare(`INSERT OR REPLACE INTO gradient_checks (replication_id, key, spec_json, report_json, passed, seconds, created_at)
                     VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(id, plan.key, JSON.stringify(plan), JSON.stringify(report), report.passed ? 1 : 0, seconds, new Date().toISOString());
  }

  checks(id: number): StoredCheck[] {
    const rows = this.prepare('SELECT * FROM gradient_checks WHERE replication_id = ? ORDER BY created_at, key').all(id) as
      Array<{ key: string; spec_json: string; report_json: string; seconds: number; created_at: string }>;
    return rows.map((r) => ({ key: r.key, plan: JSON.parse(r.spec_json) as GradCheckPlan, report: JSON.parse(r.report_json) as GradCheckReport, seconds: r.seconds, createdAt: r.created_at }));
  }

  private toRecord(row: ReplicationRow): ReplicationRecord {
    const links = this.prepare('SELECT stage, sweep_id FROM replication_sweeps WHERE replication_id = ?').all(row.id) as Array<{ stage: StageId; sweep_id: number }>;
    return {
      id: row.id, mode: row.mode, repeats: row.repeats, info: JSON.parse(row.info_json) as ReplicationInfo,
      createdAt: row.created_at, finishedAt: row.finished_at, wallSeconds: row.wall_seconds,
      sweeps: Object.fromEntries(links.map((l) => [l.stage, l.sweep_id])),
    };
  }
}
