// Opens (or creates) the run store's SQLite file through libsql: checks that the file is a
// SQLite database of a schema version this build knows, migrates older ones in a transaction,
// and turns on WAL. A corrupted file or a newer schema is refused with a clear StoreError and
// left exactly as it was. Only the main process opens it for writing; workers never do.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'libsql';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.ts';

export type Db = InstanceType<typeof Database>;

export const STORE_FILE = 'sweeplab.db';

/** A store that cannot be used as it is; `code` is `io` so the CLI prints it as one line. */
export class StoreError extends Error {
  readonly code = 'io' as const;
  readonly details: Readonly<Record<string, unknown>>;
  constructor(file: string, message: string, reason: 'corrupt' | 'newer' | 'unreadable') {
    super(`${file}: ${message}`);
    this.name = 'StoreError';
    this.details = { file, reason };
  }
}

export interface OpenOptions {
  readonly?: boolean;
}

/** Opens `<home>/sweeplab.db`, creating the folder and an empty store when there is none. */
export function openDatabase(home: string, options: OpenOptions = {}): { db: Db; file: string } {
  const file = path.join(home, STORE_FILE);
  if (options.readonly && !existsSync(file)) throw new StoreError(file, 'no run store here yet (run a sweep first)', 'unreadable');
  try {
    mkdirSync(home, { recursive: true });
  } catch (err) {
    // An unwritable place (or a file where the folder should be) is the user's to fix: say where.
    throw new StoreError(home, `cannot create the Sweeplab home here (${(err as Error).message}); pass --home DIR or set $SWEEPLAB_HOME to a folder you can write`, 'unreadable');
  }
  // The file is never opened with node:fs, not even to look at its header: closing that
  // descriptor would drop every POSIX lock this process holds on it, including those of a
  // closed connection libsql keeps until its statements are collected (test/store-reopen).
  // SQLite itself refuses a file that is not a database, without writing to it.
  let db: Db;
  try {
    db = new Database(file, { readonly: options.readonly ?? false });
  } catch (err) {
    throw new StoreError(file, `cannot open the run store (${(err as Error).message})`, 'unreadable');
  }
  try {
    // Before the first read: another process (a running sweep) may be writing.
    db.exec('PRAGMA busy_timeout = 10000');
    const version = readVersion(db, file);
    if (version > SCHEMA_VERSION) {
      throw new StoreError(file,
        `the run store has schema version ${version}, newer than this Sweeplab understands (${SCHEMA_VERSION}); ` +
        'use a newer Sweeplab, or another --home. The file was not changed.', 'newer');
    }
    if (!options.readonly) {
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = NORMAL');
      migrate(db, version);
    } else if (version < SCHEMA_VERSION) {
      throw new StoreError(file, `the run store has schema version ${version}; open it once for writing to upgrade it`, 'unreadable');
    }
    db.exec('PRAGMA foreign_keys = ON');
    return { db, file };
  } catch (err) {
    db.close();
    if (err instanceof StoreError) throw err;
    throw corrupt(file, err);
  }
}

function corrupt(file: string, err: unknown): StoreError {
  return new StoreError(file,
    `not a readable Sweeplab run store (${(err as Error).message}); it was left untouched: move it away, or use another --home`, 'corrupt');
}

function readVersion(db: Db, file: string): number {
  try {
    // Reading the schema forces SQLite to parse the first page and the catalogue.
    db.prepare('SELECT count(*) AS n FROM sqlite_master').all();
    const [row] = db.prepare('PRAGMA user_version').all() as { user_version: number }[];
    // Every page's structure, not its contents: cheap enough at each start (a linear read).
    const problems = (db.prepare('PRAGMA quick_check(3)').all() as { quick_check: string }[]).map((r) => r.quick_check);
    if (problems.length !== 1 || problems[0] !== 'ok') throw new Error(problems.join('; '));
    return row.user_version;
  } catch (err) {
    throw corrupt(file, err);
  }
}

/** Folds the WAL back into the main file before closing, so a closed store is one file. */
export function closeDatabase(db: Db): void {
  try {
    if (!db.readonly) db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

function migrate(db: Db, from: number): void {
  if (from === SCHEMA_VERSION) return;
  // A migration may rebuild a table others point at (SQLite's way to change a constraint):
  // with foreign keys on, dropping the old table would cascade into its children. The pragma
  // is a no-op inside a transaction, so it goes off before and the keys are checked at the end.
  db.exec('PRAGMA foreign_keys = OFF');
  const run = db.transaction(() => {
    for (let v = from; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]);
    const broken = db.prepare('PRAGMA foreign_key_check').all();
    if (broken.length > 0) throw new Error(`migration to schema ${SCHEMA_VERSION} broke ${broken.length} foreign key(s)`);
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
  });
  run.immediate();
}
