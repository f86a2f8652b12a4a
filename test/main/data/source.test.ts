// Where the data comes from (src/main/data/source.ts): --data, then $SWEEPLAB_DATA, then the
// per-user default per OS; folder, parent folder or archive; and wrong folders explained.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../../../src/core/data/data-error.ts';
import { dataPathFrom, defaultDataDir, locateCifar, resolveDataSource, type PlatformInfo } from '../../../src/main/data/source.ts';
import { FIXTURE_DATA_DIR, copyFixture, makeCifarArchive, makeTempDir } from '../../helpers/fixture-data.ts';

const linux = (env: Record<string, string> = {}): PlatformInfo => ({ platform: 'linux', env, homedir: '/home/ada' });

describe('defaultDataDir', () => {
  it('follows XDG on Linux, ignoring a relative XDG_DATA_HOME', () => {
    expect(defaultDataDir(linux())).toBe('/home/ada/.local/share/sweeplab/cifar-10-batches-bin');
    expect(defaultDataDir(linux({ XDG_DATA_HOME: '/data/xdg' }))).toBe('/data/xdg/sweeplab/cifar-10-batches-bin');
    expect(defaultDataDir(linux({ XDG_DATA_HOME: 'rel/xdg' }))).toBe('/home/ada/.local/share/sweeplab/cifar-10-batches-bin');
  });

  it('uses Application Support on macOS and LOCALAPPDATA on Windows', () => {
    expect(defaultDataDir({ platform: 'darwin', env: {}, homedir: '/Users/ada' }))
      .toBe('/Users/ada/Library/Application Support/sweeplab/cifar-10-batches-bin');
    expect(defaultDataDir({ platform: 'win32', env: { LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, homedir: 'C:\\Users\\ada' }))
      .toBe('C:\\Users\\ada\\AppData\\Local\\sweeplab\\cifar-10-batches-bin');
    expect(defaultDataDir({ platform: 'win32', env: {}, homedir: 'C:\\Users\\ada' }))
      .toBe('C:\\Users\\ada\\AppData\\Local\\sweeplab\\cifar-10-batches-bin');
  });
});

describe('dataPathFrom', () => {
  it('prefers the flag, then $SWEEPLAB_DATA, then the default', () => {
    const env = { SWEEPLAB_DATA: '/from/env' };
    expect(dataPathFrom('/from/flag', linux(env))).toEqual({ path: '/from/flag', origin: 'flag' });
    expect(dataPathFrom(undefined, linux(env))).toEqual({ path: '/from/env', origin: 'env' });
    expect(dataPathFrom(undefined, linux({ SWEEPLAB_DATA: '' }))).toEqual({
      path: '/home/ada/.local/share/sweeplab/cifar-10-batches-bin', origin: 'default',
    });
  });

  it('resolves a relative flag against the working directory', () => {
    expect(dataPathFrom('data', linux()).path).toBe(path.resolve('data'));
  });
});

describe('locateCifar', () => {
  let tmp: string;
  beforeAll(async () => { tmp = await makeTempDir(); });
  afterAll(async () => { await rm(tmp, { recursive: true, force: true }); });

  const locate = (where: string) => locateCifar({ path: where, origin: 'flag' });
  const rejection = async (where: string, origin: 'flag' | 'env' | 'default' = 'flag'): Promise<DataError> => {
    const err = await locateCifar({ path: where, origin }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    return err as DataError;
  };

  it('accepts the extracted folder, its parent, and the archive (or its parent)', async () => {
    expect(await locate(FIXTURE_DATA_DIR)).toEqual({ kind: 'folder', path: FIXTURE_DATA_DIR, origin: 'flag' });
    expect(await locate(path.dirname(FIXTURE_DATA_DIR))).toEqual({ kind: 'folder', path: FIXTURE_DATA_DIR, origin: 'flag' });
    const archiveDir = path.join(tmp, 'archive');
    await mkdir(archiveDir);
    const archive = await makeCifarArchive(path.join(archiveDir, 'cifar-10-binary.tar.gz'));
    expect(await locate(archive)).toEqual({ kind: 'archive', path: archive, origin: 'flag' });
    expect(await locate(archiveDir)).toEqual({ kind: 'archive', path: archive, origin: 'flag' });
  });

  it('resolveDataSource applies the order end to end', async () => {
    const info = linux({ SWEEPLAB_DATA: FIXTURE_DATA_DIR });
    expect(await resolveDataSource(undefined, info)).toEqual({ kind: 'folder', path: FIXTURE_DATA_DIR, origin: 'env' });
  });

  it('explains a missing path, saying where it came from and how to get the data', async () => {
    const err = await rejection(path.join(tmp, 'nowhere'), 'default');
    expect(err.message).toContain(`${path.join(tmp, 'nowhere')}: no such file or folder (the per-user default)`);
    expect(err.message).toContain('sweeplab data fetch');
  });

  it('recognises the python version of CIFAR-10', async () => {
    const py = path.join(tmp, 'cifar-10-batches-py');
    await mkdir(py);
    for (const f of ['data_batch_1', 'test_batch', 'batches.meta', 'readme.html']) await writeFile(path.join(py, f), 'x');
    expect((await rejection(py)).message).toMatch(/cifar-10-batches-py: this is the python version of CIFAR-10/);
    expect((await rejection(tmp)).message).toMatch(/holds cifar-10-batches-py\/, the python version/);
  });

  it('rejects an unrelated folder and a file that is not an archive', async () => {
    const other = path.join(tmp, 'photos');
    await mkdir(other);
    await writeFile(path.join(other, 'cat.jpg'), 'x');
    expect((await rejection(other)).message).toMatch(/photos: not a CIFAR-10 folder: no data_batch_1\.bin/);
    expect((await rejection(path.join(other, 'cat.jpg'))).message).toMatch(/cat\.jpg: is a file but not a \.tar\.gz archive/);
  });

  it('accepts a copied folder under any name once it holds the batch files', async () => {
    const copy = await copyFixture(tmp, 'my-cifar');
    expect((await locate(copy)).kind).toBe('folder');
  });
});
