// Reopening the run store in a process that still holds a closed connection. libsql's close()
// leaves the SQLite connection open until its statements are garbage-collected, and that
// connection holds a POSIX lock on the database file. Closing any other descriptor of the file
// in the process drops those locks (POSIX semantics): another process then takes the file as
// unused, deletes the WAL index, and this process's next connection reads through the stale
// copy it still maps — "database disk image is malformed" on a healthy file. openDatabase
// used to read the file's header with node:fs before opening it, and did exactly that
// (the replicate CLI test failed this way under load). This test replays the sequence.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STORE_FILE } from '../../../src/main/store/database.ts';
import { RunStore } from '../../../src/main/store/run-store.ts';
import { withHome } from '../../helpers/engine-fixture.ts';

/** Runs `body` in another node process with `db`, a libsql connection to the store. */
function otherProcess(file: string, body: string): void {
  const script = `import Database from 'libsql'; const db = new Database(${JSON.stringify(file)}); db.exec('PRAGMA wal_autocheckpoint = 0'); ${body}`;
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: process.cwd(), stdio: 'inherit' });
}

/** Script text: `rows` single-row transactions of random blobs into `table`. */
const inserts = (table: string, rows: number, bytes: number) =>
  `for (let i = 0; i < ${rows}; i++) db.exec('INSERT INTO ${table} VALUES (randomblob(${bytes}))');`;

describe('reopening the run store while a closed connection lingers', () => {
  it('reads what other processes wrote, not a stale WAL index', async () => {
    await withHome(async (home) => {
      const file = path.join(home, STORE_FILE);
      RunStore.open(home, 'test').close();
      otherProcess(file, `db.exec('CREATE TABLE filler (x)'); ${inserts('filler', 200, 500)} db.close();`);

      // A closed store whose statement is still alive: its connection lingers with its locks.
      const lingering = RunStore.open(home, 'test', { readonly: true });
      const statement = lingering.db.prepare('SELECT count(*) AS n FROM filler');
      expect(statement.all()).toEqual([{ n: 200 }]);
      lingering.close();

      // A writer that dies with frames in the WAL, then this process opens the store again.
      otherProcess(file, `${inserts('filler', 200, 500)} process.exit(0);`);
      RunStore.open(home, 'test', { readonly: true }).close();
      // Writers that close cleanly: the last one out removes the WAL and its index, unless
      // this process still holds its lock.
      otherProcess(file, `db.exec('CREATE TABLE more (y)'); ${inserts('more', 300, 900)} db.close();`);
      otherProcess(file, `db.exec('DELETE FROM filler WHERE rowid % 2 = 0'); db.exec('CREATE TABLE most (z)'); ${inserts('most', 50, 3000)} db.exec('PRAGMA wal_checkpoint(TRUNCATE)'); db.close();`);

      const store = RunStore.open(home, 'test', { readonly: true });
      try {
        expect(store.db.prepare('SELECT count(*) AS n FROM filler').all()).toEqual([{ n: 200 }]);
        expect(store.db.prepare('SELECT count(*) AS n FROM more').all()).toEqual([{ n: 300 }]);
        expect(store.db.prepare('PRAGMA quick_check').all()).toEqual([{ quick_check: 'ok' }]);
      } finally {
        store.close();
      }
      expect(statement.all()).toEqual([{ n: 200 }]); // kept alive to this point on purpose
    });
  });
});
