// `data fetch` and `data check` (src/main/data/fetch.ts, checksums.ts, src/cli/commands/data.ts)
// against a local HTTP server on 127.0.0.1 serving an archive built from the fixture:
// a good fetch, a checksum mismatch, dropped and truncated downloads, and the CLI output.
// The local server speaks http, which only a URL the user typed may use (allowHttp).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerDataCommands } from '../../../src/cli/commands/data.ts';
import { DataError } from '../../../src/core/data/data-error.ts';
import { defaultSumsPath, readSha256Sums, verifyArchive, verifyFolder, type Sha256Sums } from '../../../src/main/data/checksums.ts';
import { fetchCifar, fetchTargetFor } from '../../../src/main/data/fetch.ts';
import { loadDataset } from '../../../src/main/data/load.ts';
import { FIXTURE_DATA_DIR, makeCifarArchive, makeTempDir } from '../../helpers/fixture-data.ts';

const FILES = ['batches.meta.txt', 'data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin', 'test_batch.bin'];
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** The fixture's own sums: the official ones describe the full files. */
const fixtureSums: Sha256Sums = new Map(FILES.map((f) => [f, sha256(readFileSync(path.join(FIXTURE_DATA_DIR, f)))]));
const sumsText = (sums: Sha256Sums) => [...sums].map(([f, h]) => `${h}  ${f}\n`).join('');

let tmp: string;
let archiveBytes: Buffer;
let server: Server;
let base: string;
let requests = 0;

beforeAll(async () => {
  tmp = await makeTempDir();
  archiveBytes = readFileSync(await makeCifarArchive(path.join(tmp, 'served.tar.gz')));
  server = createServer((req, res) => {
    requests++;
    const half = archiveBytes.subarray(0, archiveBytes.length >> 1);
    switch (req.url) {
      case '/cifar-10-binary.tar.gz':
        res.writeHead(200, { 'content-length': archiveBytes.length }).end(archiveBytes);
        return;
      case '/dropped.tar.gz': // announces the whole archive, sends half, hangs up
        res.writeHead(200, { 'content-length': archiveBytes.length });
        res.write(half, () => res.socket?.destroy());
        return;
      case '/half.tar.gz': // a complete response whose body is a cut archive
        res.writeHead(200, { 'content-length': half.length }).end(half);
        return;
      default:
        res.writeHead(404).end('not here');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(tmp, { recursive: true, force: true });
});

async function fetchError(target: string, url: string, sums = fixtureSums): Promise<DataError> {
  const err = await fetchCifar({ target, url, sums, allowHttp: true }).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(DataError);
  return err as DataError;
}

/** Nothing that looks like data, and no temporary folder, was left in `parent`. */
async function expectNothingLeft(parent: string): Promise<void> {
  expect(existsSync(parent) ? await readdir(parent) : []).toEqual([]);
}

describe('fetchCifar', () => {
  it('downloads, extracts, verifies and installs the folder, then finds it present', async () => {
    const parent = path.join(tmp, 'good');
    const target = fetchTargetFor(parent);
    const progress: [number, number | undefined][] = [];
    const result = await fetchCifar({ target, url: `${base}/cifar-10-binary.tar.gz`, sums: fixtureSums, allowHttp: true, onProgress: (r, t) => progress.push([r, t]) });
    expect(result.outcome).toBe('downloaded');
    expect(result.checks.map((c) => [c.name, c.status])).toEqual(FILES.map((f) => [f, 'ok']));
    expect(progress.at(-1)).toEqual([archiveBytes.length, archiveBytes.length]);
    expect(await readdir(parent)).toEqual(['cifar-10-batches-bin']);
    expect((await loadDataset(parent, { kind: 'a2' }, 'float32')).test.n).toBe(100);

    const before = requests;
    const again = await fetchCifar({ target, url: `${base}/cifar-10-binary.tar.gz`, sums: fixtureSums, allowHttp: true });
    expect(again.outcome).toBe('present');
    expect(requests).toBe(before);
  });

  it('refuses a checksum mismatch, naming the file, and installs nothing', async () => {
    const parent = path.join(tmp, 'mismatch');
    const wrong = new Map(fixtureSums).set('data_batch_3.bin', '0'.repeat(64));
    const err = await fetchError(fetchTargetFor(parent), `${base}/cifar-10-binary.tar.gz`, wrong);
    expect(err.message).toMatch(/1 of 7 files do not match the CIFAR-10 SHA-256 sums; nothing was installed: data_batch_3\.bin has SHA-256 [0-9a-f]{64}, expected 0{64}$/);
    expect(err.details.file).toMatch(/data_batch_3\.bin$/);
    await expectNothingLeft(parent);
  });

  it('reports a download that is cut off, and leaves nothing behind', async () => {
    const parent = path.join(tmp, 'dropped');
    const err = await fetchError(fetchTargetFor(parent), `${base}/dropped.tar.gz`);
    expect(err.message).toMatch(new RegExp(`^${base}/dropped\\.tar\\.gz: download (interrupted|truncated)`));
    await expectNothingLeft(parent);
  });

  it('reports a downloaded archive that is itself truncated, and leaves nothing behind', async () => {
    const parent = path.join(tmp, 'half');
    const err = await fetchError(fetchTargetFor(parent), `${base}/half.tar.gz`);
    expect(err.message).toBe(`${base}/half.tar.gz: truncated archive: the gzip stream ends early (an interrupted download?); download it again; nothing was installed`);
    await expectNothingLeft(parent);
  });

  it('reports an HTTP error', async () => {
    expect((await fetchError(fetchTargetFor(path.join(tmp, 'missing')), `${base}/nope`)).message)
      .toBe(`${base}/nope: download failed: HTTP 404 Not Found`);
  });

  it('will not overwrite an existing folder that does not match', async () => {
    const target = path.join(tmp, 'existing', 'cifar-10-batches-bin');
    await mkdir(target, { recursive: true });
    await writeFile(path.join(target, 'data_batch_1.bin'), 'mine');
    const err = await fetchError(target, `${base}/cifar-10-binary.tar.gz`);
    expect(err.message).toMatch(/it exists already, so fetch will not overwrite it/);
    expect(readFileSync(path.join(target, 'data_batch_1.bin'), 'utf8')).toBe('mine');
  });

  it('puts cifar-10-batches-bin/ inside --data unless --data names it', () => {
    expect(fetchTargetFor('/d')).toBe('/d/cifar-10-batches-bin');
    expect(fetchTargetFor('/d/cifar-10-batches-bin')).toBe('/d/cifar-10-batches-bin');
    expect(() => fetchTargetFor('/d/cifar-10-binary.tar.gz')).toThrow(DataError);
  });
});

describe('verification', () => {
  it('ships the official sums in resources/ and uses them by default', async () => {
    const sums = await readSha256Sums();
    expect(defaultSumsPath()).toMatch(/resources[/\\]cifar-10-sha256sums\.txt$/);
    expect([...sums.keys()].sort()).toEqual(FILES);
    expect(sums.get('data_batch_1.bin')).toBe('cee916563c9f80d84e3cc88e17fdc0941787f1244f00a67874d45b261883ada5');
  });

  it('checks a folder and an archive entry by entry, reporting missing and differing files', async () => {
    const sums = new Map(fixtureSums).set('data_batch_2.bin', 'f'.repeat(64)).set('extra.bin', 'a'.repeat(64));
    for (const checks of [await verifyFolder(FIXTURE_DATA_DIR, sums), await verifyArchive(path.join(tmp, 'served.tar.gz'), sums)]) {
      expect(checks.filter((c) => c.status !== 'ok').map((c) => [c.name, c.status])).toEqual([['data_batch_2.bin', 'mismatch'], ['extra.bin', 'missing']]);
      expect(checks.filter((c) => c.status === 'ok')).toHaveLength(6);
    }
  });
});

describe('sweeplab data check / fetch (CLI)', () => {
  class Exit extends Error { constructor(readonly code: number | string | null | undefined) { super(`exit ${code}`); } }

  afterEach(() => { vi.restoreAllMocks(); });

  /** Runs `sweeplab data …` in-process; returns stdout, stderr and the exit code (0 if none). */
  async function run(args: string[]): Promise<{ out: string; err: string; code: number }> {
    let out = '', err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => { out += String(chunk); return true; });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => { err += String(chunk); return true; });
    vi.spyOn(process, 'exit').mockImplementation((code) => { throw new Exit(code); });
    const program = new Command().name('sweeplab').exitOverride();
    registerDataCommands(program);
    try {
      await program.parseAsync(['data', ...args], { from: 'user' });
      return { out, err, code: 0 };
    } catch (e) {
      if (e instanceof Exit) return { out, err, code: Number(e.code) };
      throw e;
    } finally {
      vi.restoreAllMocks();
    }
  }

  it('check lists every file and passes on a matching folder or archive', async () => {
    const sumsFile = path.join(tmp, 'fixture-sums.txt');
    await writeFile(sumsFile, sumsText(fixtureSums));
    const folder = await run(['check', '--data', FIXTURE_DATA_DIR, '--sums', sumsFile]);
    expect(folder.code).toBe(0);
    expect(folder.out).toContain(`CIFAR-10 folder: ${FIXTURE_DATA_DIR} (from --data)`);
    expect(folder.out).toMatch(/ok +data_batch_1\.bin +307,300 bytes, 100 images/);
    expect(folder.out).toContain('all 7 files match the SHA-256 sums (600 images)');
    const archive = await run(['check', '--data', path.join(tmp, 'served.tar.gz'), '--sums', sumsFile]);
    expect(archive.out).toContain('CIFAR-10 archive:');
    expect(archive.code).toBe(0);
  });

  it('check fails with exit code 1 and one clear line against the official sums (the fixture is a slice)', async () => {
    const result = await run(['check', '--data', FIXTURE_DATA_DIR]);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/MISMATCH +data_batch_1\.bin +307,300 bytes, sha256 [0-9a-f]{64}, expected cee91656/);
    expect(result.out).toMatch(/ok +batches\.meta\.txt/);
    expect(result.err).toMatch(new RegExp(`^sweeplab: ${FIXTURE_DATA_DIR}: 6 of 7 files do not match the CIFAR-10 SHA-256 sums: data_batch_1\\.bin has SHA-256`));
    expect(result.err.trim().split('\n')).toHaveLength(1);
  });

  it('check on a folder that is not CIFAR-10 says so', async () => {
    const result = await run(['check', '--data', tmp]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^sweeplab: .*: not a CIFAR-10 folder/);
  });

  it('fetch --url installs into --data and reports what it did', async () => {
    const sumsFile = path.join(tmp, 'fixture-sums.txt');
    await writeFile(sumsFile, sumsText(fixtureSums));
    const parent = path.join(tmp, 'cli-fetch');
    const result = await run(['fetch', '--data', parent, '--url', `${base}/cifar-10-binary.tar.gz`, '--sums', sumsFile]);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain(`extracted and verified 7 files into ${path.join(parent, 'cifar-10-batches-bin')}`);
    const bad = await run(['fetch', '--data', path.join(tmp, 'cli-bad'), '--url', `${base}/half.tar.gz`, '--sums', sumsFile]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^sweeplab: .*half\.tar\.gz: truncated archive/);
  });
});
