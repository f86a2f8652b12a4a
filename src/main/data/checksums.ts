// SHA-256 verification of the CIFAR-10 files against a sums file (sha256sum format; by
// default resources/cifar-10-sha256sums.txt), for a folder or, entry by entry, for the
// .tar.gz. Reports every file; deciding what a failure means is the caller's job.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { DataError } from '../../core/data/data-error.ts';
import { resourceFile } from '../app-layout.ts';
import { walkArchive } from './read-archive.ts';

/** File name (no folder) → lowercase hex SHA-256. */
export type Sha256Sums = ReadonlyMap<string, string>;

export type FileCheck =
  | { name: string; status: 'ok'; size: number; sha256: string }
  | { name: string; status: 'mismatch'; size: number; sha256: string; expected: string }
  | { name: string; status: 'missing'; expected: string };

/** The official sums, shipped in resources/. */
export function defaultSumsPath(): string {
  return resourceFile('cifar-10-sha256sums.txt');
}

export function parseSha256Sums(text: string, file: string): Sha256Sums {
  const sums = new Map<string, string>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    // sha256sum writes "<hex>  <name>" (text mode) or "<hex> *<name>" (binary mode).
    const match = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line.trimEnd());
    if (!match) throw DataError.about(file, `line ${i + 1} is not "<sha256>  <file name>": ${JSON.stringify(line)}`);
    sums.set(path.posix.basename(match[2].replace(/\\/g, '/')), match[1].toLowerCase());
  });
  if (sums.size === 0) throw DataError.about(file, 'lists no files');
  return sums;
}

/** The sums of a mirror that serves something else than the official archive (a test slice). */
export const SUMS_ENV_VAR = 'SWEEPLAB_CIFAR_SUMS';

export async function readSha256Sums(file: string = process.env[SUMS_ENV_VAR] || defaultSumsPath()): Promise<Sha256Sums> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw DataError.about(file, `cannot read the SHA-256 sums: ${(err as Error).message}`);
  }
  return parseSha256Sums(text, file);
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function verifyFolder(dir: string, sums: Sha256Sums): Promise<FileCheck[]> {
  const checks: FileCheck[] = [];
  for (const [name, expected] of sums) {
    const file = path.join(dir, name);
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw DataError.about(file, `cannot be read: ${(err as Error).message}`);
      checks.push({ name, status: 'missing', expected });
      continue;
    }
    checks.push(compare(name, size, await sha256File(file), expected));
  }
  return checks;
}

/** Hashes the archive's entries as they stream past; entries are matched by file name. */
export async function verifyArchive(archive: string, sums: Sha256Sums): Promise<FileCheck[]> {
  const found = new Map<string, FileCheck>();
  await walkArchive(archive, (entry) => {
    const name = path.posix.basename(entry.path);
    const expected = sums.get(name);
    if (expected === undefined || found.has(name)) {
      entry.resume();
      return;
    }
    const hash = createHash('sha256');
    entry.on('data', (chunk: Buffer) => hash.update(chunk));
    return new Promise<void>((resolve) => entry.on('end', () => {
      found.set(name, compare(name, entry.size, hash.digest('hex'), expected));
      resolve();
    }));
  });
  return [...sums].map(([name, expected]) => found.get(name) ?? { name, status: 'missing', expected });
}

function compare(name: string, size: number, sha256: string, expected: string): FileCheck {
  return sha256 === expected ? { name, status: 'ok', size, sha256 } : { name, status: 'mismatch', size, sha256, expected };
}

/** Throws a DataError naming every file that is missing or differs; `where` is the folder or archive. */
export function assertAllMatch(checks: readonly FileCheck[], where: string, context = ''): void {
  const bad = checks.filter((c) => c.status !== 'ok');
  if (bad.length === 0) return;
  const what = bad.map((c) => c.status === 'missing'
    ? `${c.name} is missing`
    : `${c.name} has SHA-256 ${c.sha256}, expected ${c.expected}`);
  throw new DataError(
    `${where}: ${bad.length} of ${checks.length} files do not match the CIFAR-10 SHA-256 sums${context}: ${what.join('; ')}`,
    { file: path.join(where, bad[0].name) });
}
