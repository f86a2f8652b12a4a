// CIFAR-10 data for tests: the committed 100-records-per-file slice, the full dataset in the
// workspace when it is there (../shared/cifar-10-batches-bin beside the repo), and archives
// built from the slice at test time (never committed).
import { existsSync } from 'node:fs';
import { cp, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { create } from 'tar';

/** test/fixtures/cifar-10-batches-bin: the first 100 records of each batch file (see its README). */
export const FIXTURE_DATA_DIR = fileURLToPath(new URL('../fixtures/cifar-10-batches-bin', import.meta.url));

const shared = fileURLToPath(new URL('../../../shared/cifar-10-batches-bin', import.meta.url));
/** The full official dataset, or undefined on machines that do not have it. */
export const SHARED_DATA_DIR: string | undefined = existsSync(shared) ? shared : undefined;

/** A fresh temporary folder; the caller removes it. */
export function makeTempDir(prefix = 'sweeplab-data-test-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/**
 * Copies the fixture folder into `parent` (as cifar-10-batches-bin/, or `name`) so a test can
 * damage its copy. Returns the copy's path.
 */
export async function copyFixture(parent: string, name = 'cifar-10-batches-bin'): Promise<string> {
  const dest = path.join(parent, name);
  await cp(FIXTURE_DATA_DIR, dest, { recursive: true });
  return dest;
}

/**
 * Packs `folder` (default: the fixture) as `<dest>` = a .tar.gz whose entries sit under
 * `cifar-10-batches-bin/`, like the official cifar-10-binary.tar.gz. Returns `dest`.
 */
export async function makeCifarArchive(dest: string, folder = FIXTURE_DATA_DIR): Promise<string> {
  await create({ gzip: true, file: dest, cwd: path.dirname(folder), portable: true }, [path.basename(folder)]);
  return dest;
}
