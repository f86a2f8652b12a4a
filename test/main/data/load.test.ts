// Loading a Dataset from the folder and from the .tar.gz (src/main/data), on the committed
// CIFAR-10 slice: both give the same bytes, and every kind of bad input is a DataError that
// names the file and the problem.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { rm, truncate, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SplitSpec } from '../../../src/core/config.ts';
import { CIFAR_CLASS_NAMES, CIFAR_RECORD_BYTES } from '../../../src/core/data/cifar-binary.ts';
import { DataError } from '../../../src/core/data/data-error.ts';
import { loadDataset } from '../../../src/main/data/load.ts';
import { FIXTURE_DATA_DIR, SHARED_DATA_DIR, copyFixture, makeCifarArchive, makeTempDir } from '../../helpers/fixture-data.ts';

let tmp: string;
let archive: string;
beforeAll(async () => {
  tmp = await makeTempDir();
  archive = await makeCifarArchive(path.join(tmp, 'cifar-10-binary.tar.gz'));
});
afterAll(async () => { await rm(tmp, { recursive: true, force: true }); });

async function loadError(source: string, split: SplitSpec = { kind: 'a2' }): Promise<DataError> {
  const err = await loadDataset(source, split, 'float32').then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(DataError);
  return err as DataError;
}

/** Bit-for-bit equality; expect().toEqual walks big typed arrays element by element, slowly. */
function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/** A damaged copy of the fixture in its own folder. */
async function damagedCopy(name: string, damage: (dir: string) => Promise<void>): Promise<string> {
  const dir = await copyFixture(tmp, name);
  await damage(dir);
  return dir;
}

describe('loadDataset from the fixture folder', () => {
  it('gives a2 = 100 / 100 / 100 images with the labels of the files and the class names of batches.meta.txt', async () => {
    const ds = await loadDataset(FIXTURE_DATA_DIR, { kind: 'a2' }, 'float64');
    expect([ds.train.n, ds.val.n, ds.test.n]).toEqual([100, 100, 100]);
    expect(ds.train.x!).toBeInstanceOf(Float64Array);
    expect(ds.classNames).toEqual(CIFAR_CLASS_NAMES);
    const labels = (file: string) => {
      const bytes = readFileSync(path.join(FIXTURE_DATA_DIR, file));
      return Array.from({ length: 100 }, (_, i) => bytes[i * CIFAR_RECORD_BYTES]);
    };
    expect(Array.from(ds.train.y)).toEqual(labels('data_batch_1.bin'));
    expect(Array.from(ds.val.y)).toEqual(labels('data_batch_2.bin'));
    expect(Array.from(ds.test.y)).toEqual(labels('test_batch.bin'));
  });

  it('gives holdout = 500 − validation / validation / 100 images', async () => {
    const ds = await loadDataset(FIXTURE_DATA_DIR, { kind: 'holdout', validation: 50, trainLimit: 400 }, 'float32');
    expect([ds.train.n, ds.val.n, ds.test.n]).toEqual([400, 50, 100]);
    expect(ds.train.x!).toBeInstanceOf(Float32Array);
  });

  it('falls back to the standard class names without batches.meta.txt', async () => {
    const dir = await damagedCopy('no-meta', (d) => unlink(path.join(d, 'batches.meta.txt')));
    expect((await loadDataset(dir, { kind: 'a2' }, 'float32')).classNames).toEqual(CIFAR_CLASS_NAMES);
  });
});

describe('loadDataset from the .tar.gz', () => {
  it('gives exactly what the folder gives, streaming past entries it does not need', async () => {
    const split: SplitSpec = { kind: 'holdout', validation: 120 };
    const [fromFolder, fromArchive] = await Promise.all([loadDataset(FIXTURE_DATA_DIR, split, 'float32'), loadDataset(archive, split, 'float32')]);
    expect([fromArchive.train.n, fromArchive.val.n, fromArchive.test.n]).toEqual([380, 120, 100]);
    for (const part of ['train', 'val', 'test'] as const) {
      expect(sameBytes(fromArchive[part].x!, fromFolder[part].x!), `${part}.x`).toBe(true);
      expect(sameBytes(fromArchive[part].y, fromFolder[part].y), `${part}.y`).toBe(true);
    }
    expect(fromArchive.classNames).toEqual(CIFAR_CLASS_NAMES);
  });
});

describe('bad input is a DataError naming the file and the problem', () => {
  it('a missing batch file', async () => {
    const dir = await damagedCopy('missing', (d) => unlink(path.join(d, 'test_batch.bin')));
    expect((await loadError(dir)).message).toMatch(new RegExp(`^${path.join(dir, 'test_batch.bin')}: missing`));
  });

  it('reads only the files the split needs', async () => {
    const dir = await damagedCopy('a2-only', async (d) => { for (const n of [3, 4, 5]) await unlink(path.join(d, `data_batch_${n}.bin`)); });
    expect((await loadDataset(dir, { kind: 'a2' }, 'float32')).train.n).toBe(100);
    expect((await loadError(dir, { kind: 'holdout', validation: 10 })).message).toContain('data_batch_3.bin: missing');
  });

  it('a file whose size is not a multiple of 3073 bytes', async () => {
    const dir = await damagedCopy('short', (d) => truncate(path.join(d, 'data_batch_2.bin'), 100 * CIFAR_RECORD_BYTES - 1));
    expect((await loadError(dir)).message)
      .toBe(`${path.join(dir, 'data_batch_2.bin')}: wrong size: 307299 bytes is not a multiple of 3073 (1 label byte + 3072 pixel bytes per record); the file is truncated or not a CIFAR-10 binary batch`);
  });

  it('a label out of range', async () => {
    const dir = await damagedCopy('label', async (d) => {
      const file = path.join(d, 'data_batch_1.bin');
      const bytes = readFileSync(file);
      bytes[42 * CIFAR_RECORD_BYTES] = 17;
      await writeFile(file, bytes);
    });
    expect((await loadError(dir)).message).toMatch(new RegExp(`^${path.join(dir, 'data_batch_1.bin')}: label out of range: record 42 .* has label 17`));
  });

  it('a batches.meta.txt that is not ten names', async () => {
    const dir = await damagedCopy('meta', (d) => writeFile(path.join(d, 'batches.meta.txt'), 'cat\ndog\n'));
    expect((await loadError(dir)).message).toBe(`${path.join(dir, 'batches.meta.txt')}: expected 10 class names, one per line, found 2`);
  });

  it('a truncated archive, cut anywhere', async () => {
    const bytes = readFileSync(archive);
    for (const fraction of [0.001, 0.5, 0.999]) {
      const cut = path.join(tmp, `cut-${fraction}.tar.gz`);
      await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length * fraction)));
      expect((await loadError(cut)).message).toMatch(new RegExp(`^${cut}: truncated archive`));
    }
  });

  it('a .tar.gz that is not a tar archive', async () => {
    const fake = path.join(tmp, 'fake.tar.gz');
    await writeFile(fake, 'not an archive at all\n'.repeat(100));
    expect((await loadError(fake)).message).toMatch(new RegExp(`^${fake}: not a valid tar.gz archive`));
  });

  it('an archive of the python version', async () => {
    const py = path.join(tmp, 'python', 'cifar-10-batches-py');
    await copyFixture(path.dirname(py), 'cifar-10-batches-py');
    const pyArchive = await makeCifarArchive(path.join(tmp, 'cifar-10-python.tar.gz'), py);
    expect((await loadError(pyArchive)).message).toMatch(/cifar-10-python\.tar\.gz: this is the python version of CIFAR-10/);
  });

  it('an archive without a batch the split needs, and a damaged entry inside an archive', async () => {
    const partial = await damagedCopy('partial/cifar-10-batches-bin', (d) => unlink(path.join(d, 'data_batch_2.bin')));
    const partialArchive = await makeCifarArchive(path.join(tmp, 'partial.tar.gz'), partial);
    expect((await loadError(partialArchive)).message).toMatch(/partial\.tar\.gz: has no data_batch_2\.bin; expected the CIFAR-10 binary archive/);
    const short = await damagedCopy('short-entry/cifar-10-batches-bin', (d) => truncate(path.join(d, 'test_batch.bin'), 5000));
    const shortArchive = await makeCifarArchive(path.join(tmp, 'short-entry.tar.gz'), short);
    expect((await loadError(shortArchive)).message)
      .toMatch(/short-entry\.tar\.gz \(entry cifar-10-batches-bin\/test_batch\.bin\): wrong size: 5000 bytes/);
  });
});

// The skip says why in the run's output, not only in the (unprinted) name of the skipped suite.
if (!SHARED_DATA_DIR) console.log('data-load.test.ts: the fixture-against-full-dataset check is skipped: there is no ../shared/cifar-10-batches-bin beside this checkout');
describe.skipIf(!SHARED_DATA_DIR)('the fixture against the full dataset in ../shared (skipped where that folder is absent)', () => {
  it('holds the first 100 records of each official file, byte for byte', () => {
    for (const file of ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin', 'test_batch.bin']) {
      const slice = readFileSync(path.join(FIXTURE_DATA_DIR, file));
      const head = Buffer.alloc(100 * CIFAR_RECORD_BYTES);
      const fd = openSync(path.join(SHARED_DATA_DIR!, file), 'r');
      try { readSync(fd, head, 0, head.length, 0); } finally { closeSync(fd); }
      expect(slice.equals(head), file).toBe(true);
    }
  });
});
