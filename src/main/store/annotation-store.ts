// Notes and tags on runs and sweeps (schema 4): what a user wrote about a result. Shares the
// RunStore's database; validating a tag or a note is src/shared/annotations.ts's job, showing
// them the CLI's and the renderer's.
import type { RunStore } from './run-store.ts';

export type AnnotationTarget = { runId: number } | { sweepId: number };

export interface Annotations {
  note: string;
  tags: string[];
}

export class AnnotationStore {
  constructor(private readonly store: RunStore) {}

  private prepare(sql: string) {
    return this.store.prepared(sql);
  }

  /** Replaces the note; false when there is no such run or sweep. */
  setNote(target: AnnotationTarget, note: string): boolean {
    const [table, id] = 'runId' in target ? ['runs', target.runId] : ['sweeps', target.sweepId];
    return this.prepare(`UPDATE ${table} SET note = ? WHERE id = ?`).run(note, id).changes > 0;
  }

  /** Adds tags (those it already has stay once); false when there is no such run or sweep. */
  addTags(target: AnnotationTarget, tags: readonly string[]): boolean {
    if (!this.exists(target)) return false;
    const [table, column, id] = this.tagTable(target);
    const insert = this.prepare(`INSERT OR IGNORE INTO ${table} (${column}, tag) VALUES (?, ?)`);
    this.store.db.transaction(() => { for (const tag of tags) insert.run(id, tag); }).immediate();
    return true;
  }

  removeTags(target: AnnotationTarget, tags: readonly string[]): boolean {
    if (!this.exists(target)) return false;
    const [table, column, id] = this.tagTable(target);
    const remove = this.prepare(`DELETE FROM ${table} WHERE ${column} = ? AND tag = ?`);
    this.store.db.transaction(() => { for (const tag of tags) remove.run(id, tag); }).immediate();
    return true;
  }

  get(target: AnnotationTarget): Annotations | undefined {
    const [table, id] = 'runId' in target ? ['runs', target.runId] : ['sweeps', target.sweepId];
    // all()[0], not get(): a cached statement's get() can answer with a stale row.
    const [row] = this.prepare(`SELECT note FROM ${table} WHERE id = ?`).all(id) as { note: string }[];
    if (!row) return undefined;
    const [tagTable, column] = this.tagTable(target);
    const tags = (this.prepare(`SELECT tag FROM ${tagTable} WHERE ${column} = ? ORDER BY tag`).all(id) as { tag: string }[]).map((r) => r.tag);
    return { note: row.note, tags };
  }

  /** Every run's tags, for listings (one query). */
  runTags(): Map<number, string[]> {
    return this.grouped('SELECT run_id AS id, tag FROM run_tags ORDER BY run_id, tag');
  }

  sweepTags(): Map<number, string[]> {
    return this.grouped('SELECT sweep_id AS id, tag FROM sweep_tags ORDER BY sweep_id, tag');
  }

  /** The runs with their notes and tags attached, for listings and exports (two queries). */
  annotateRuns<R extends { id: number }>(runs: readonly R[]): Array<R & Annotations> {
    const tags = this.runTags();
    const notes = new Map((this.prepare("SELECT id, note FROM runs WHERE note != ''").all() as { id: number; note: string }[]).map((r) => [r.id, r.note]));
    return runs.map((run) => ({ ...run, note: notes.get(run.id) ?? '', tags: tags.get(run.id) ?? [] }));
  }

  /** Ids of the runs tagged `tag`, ascending. */
  runsTagged(tag: string): number[] {
    return (this.prepare('SELECT run_id FROM run_tags WHERE tag = ? ORDER BY run_id').all(tag) as { run_id: number }[]).map((r) => r.run_id);
  }

  private grouped(sql: string): Map<number, string[]> {
    const tags = new Map<number, string[]>();
    for (const { id, tag } of this.prepare(sql).all() as { id: number; tag: string }[]) tags.set(id, [...(tags.get(id) ?? []), tag]);
    return tags;
  }

  private exists(target: AnnotationTarget): boolean {
    const [table, id] = 'runId' in target ? ['runs', target.runId] : ['sweeps', target.sweepId];
    return this.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).all(id).length > 0;
  }

  private tagTable(target: AnnotationTarget): [string, string, number] {
    return 'runId' in target ? ['run_tags', 'run_id', target.runId] : ['sweep_tags', 'sweep_id', target.sweepId];
  }
}
