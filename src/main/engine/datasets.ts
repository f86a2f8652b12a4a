// The datasets the workers train on, each decoded once per process into SharedArrayBuffers and
// handed to every worker as is (a SharedArrayBuffer crosses postMessage without a copy). Keyed
// by (source, split, precision): runs that differ only in λ or seed share one copy.
import type { Precision, SplitSpec } from '../../core/config.ts';
import type { LabeledSet } from '../../core/dataset.ts';
import { loadDataset } from '../data/load.ts';
import type { DataSource } from '../data/source.ts';
import type { SharedDatasetHandle, SharedSetHandle } from '../../shared/worker-protocol.ts';

function splitKey(split: SplitSpec): string {
  return split.kind === 'a2'
    ? `a2:${split.trainLimit ?? ''}`
    : `holdout:${split.validation}:${split.trainLimit ?? ''}`;
}

function sharedSet(set: LabeledSet): SharedSetHandle {
  const { x, y, n, d, raw } = set;
  if ((x && !(x.buffer instanceof SharedArrayBuffer)) || !(y.buffer instanceof SharedArrayBuffer) || (raw && !(raw.pixels.buffer instanceof SharedArrayBuffer))) {
    throw new Error('dataset was not allocated in shared memory');
  }
  const handle: SharedSetHandle = { y: y.buffer, n, d };
  if (x) handle.x = x.buffer as SharedArrayBuffer;
  if (raw) handle.raw = { pixels: raw.pixels.buffer as SharedArrayBuffer, mean: raw.mean, invStd: raw.invStd };
  return handle;
}

export class SharedDatasets {
  private readonly cache = new Map<string, Promise<SharedDatasetHandle>>();
  /** How many datasets were actually decoded (the rest came from the cache). */
  decoded = 0;

  constructor(private readonly source: DataSource) {}

  keyOf(split: SplitSpec, precision: Precision): string {
    return `${this.source.path}|${splitKey(split)}|${precision}`;
  }

  get(split: SplitSpec, precision: Precision): Promise<SharedDatasetHandle> {
    const key = this.keyOf(split, precision);
    let handle = this.cache.get(key);
    if (!handle) {
      handle = this.load(key, split, precision);
      this.cache.set(key, handle);
      handle.catch(() => this.cache.delete(key)); // a failed load is tried again by the next run
    }
    return handle;
  }

  private async load(key: string, split: SplitSpec, precision: Precision): Promise<SharedDatasetHandle> {
    // The training rows as bytes only: a quarter of the shared memory every run streams each epoch.
    const data = await loadDataset(this.source, split, precision, { shared: true, trainAsBytes: true });
    this.decoded++;
    return { key, precision, classNames: data.classNames, train: sharedSet(data.train), val: sharedSet(data.val), test: sharedSet(data.test) };
  }
}
