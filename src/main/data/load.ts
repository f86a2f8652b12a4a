// The one call the CLI, the app and the tests use to get a training-ready Dataset:
// resolve the source, read only the batch files the split needs (folder or .tar.gz),
// then split and normalise in src/core/data.
import type { Precision, SplitSpec } from '../../core/config.ts';
import type { Dataset, LabeledSet } from '../../core/dataset.ts';
import { CIFAR_CLASS_NAMES } from '../../core/data/cifar-binary.ts';
import type { CifarBatchFile } from '../../core/data/cifar-binary.ts';
import { batchFilesFor, buildDataset, buildTestSet, buildTrainingSample, type BuildOptions, type CifarBatches } from '../../core/data/splits.ts';
import { readCifarArchive } from './read-archive.ts';
import { readCifarFolder } from './read-folder.ts';
import { resolveDataSource, type DataSource } from './source.ts';

/**
 * `source` is a resolved DataSource, or a path taken as `--data` would be (folder, its parent,
 * or the archive). With no source at all, $SWEEPLAB_DATA and then the per-user default apply.
 * `{ shared: true }` allocates the arrays in SharedArrayBuffers (for the worker pool).
 */
export async function loadDataset(source: DataSource | string | undefined, split: SplitSpec, precision: Precision, options: BuildOptions = {}): Promise<Dataset> {
  const resolved = typeof source === 'object' ? source : await resolveDataSource(source);
  return buildDataset(await readCifar(resolved, batchFilesFor(split)), split, precision, options);
}

/** The first `count` training images of the split, normalised as in `loadDataset` (gradient checks). */
export async function loadTrainingSample(source: DataSource | string | undefined, split: SplitSpec, count: number, precision: Precision): Promise<LabeledSet> {
  const resolved = typeof source === 'object' ? source : await resolveDataSource(source);
  return buildTrainingSample(await readCifar(resolved, batchFilesFor(split)), split, count, precision);
}

/** The split's test set, normalised with its training statistics, and the class names (evaluating stored weights). */
export async function loadTestSet(source: DataSource | string | undefined, split: SplitSpec, precision: Precision): Promise<{ test: LabeledSet; classNames: readonly string[] }> {
  const resolved = typeof source === 'object' ? source : await resolveDataSource(source);
  const batches = await readCifar(resolved, batchFilesFor(split));
  return { test: buildTestSet(batches, split, precision), classNames: batches.classNames ?? CIFAR_CLASS_NAMES };
}

/** The decoded uint8 batches (no normalisation), for callers that build several splits from one read. */
export async function readCifar(source: DataSource, files: readonly CifarBatchFile[]): Promise<CifarBatches> {
  switch (source.kind) {
    case 'folder': return readCifarFolder(source.path, files);
    case 'archive': return readCifarArchive(source.path, files);
  }
}
