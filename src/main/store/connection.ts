// One open run store database and the statements prepared on it, shared by the store's parts
// (runs.ts, queue.ts, points.ts, network-state.ts) and by the ReplicationStore. It holds no
// queries of its own; opening and migrating the file is database.ts.
import type { Statement } from 'libsql';
import { closeDatabase } from './database.ts';
import type { Db } from './database.ts';

export class StoreConnection {
  /**
   * Statements prepared once per SQL text: preparing took half of the ~130 µs a recorded point
   * costs to store, on the main thread that also answers the app. Dropped at close.
   */
  private readonly statements = new Map<string, Statement>();

  private readonly reported = new Set<string>();

  constructor(readonly db: Db, readonly file: string, readonly appVersion: string) {}

  /**
   * A row a list leaves out because it cannot be read (row-checks.ts): said once per message on
   * stderr, where the CLI's and serve's messages go, and the Electron main process's log.
   */
  reportBadRow(message: string): void {
    if (this.reported.has(message)) return;
    this.reported.add(message);
    process.stderr.write(`sweeplab: ${message}\n`);
  }

  /** The rows of `rows` that `read` accepts; the others are reported and left out. */
  readable<Row, T>(rows: readonly Row[], read: (row: Row) => T): T[] {
    const out: T[] = [];
    for (const row of rows) {
      try {
        out.push(read(row));
      } catch (err) {
        if (!(err instanceof Error && (err as { code?: unknown }).code === 'bad_data')) throw err;
        this.reportBadRow(err.message);
      }
    }
    return out;
  }

  prepared(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  all<T>(sql: string, ...params: unknown[]): T[] {
    return this.prepared(sql).all(...params) as T[];
  }

  one<T>(sql: string, ...params: unknown[]): T | undefined {
    return this.all<T>(sql, ...params)[0];
  }

  run(sql: string, ...params: unknown[]): { changes: number; lastInsertRowid: number | bigint } {
    return this.prepared(sql).run(...params);
  }

  /** Runs `body` in one transaction that takes the write lock at its start (BEGIN IMMEDIATE). */
  immediate<T>(body: () => T): T {
    return this.db.transaction(body).immediate() as T;
  }

  close(): void {
    this.statements.clear();
    closeDatabase(this.db);
  }
}

export const now = () => new Date().toISOString();
