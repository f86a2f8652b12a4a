// What one run holds in memory while it trains, estimated from its config before it is queued:
// the parameters three times (values, gradients, the checkpoint copy), the BN moving averages,
// the activation workspace of the training (or evaluation) batch, and the batch's images. The
// dataset itself is shared by the worker's runs and not counted. It sizes with the core's own
// functions, so the estimate follows the real layout.
import { CIFAR_DIMS, networkSpecOf } from '../core/config.ts';
import type { TrainConfig } from '../core/config.ts';
import { workspaceSize } from '../core/model.ts';
import { paramLayout } from '../core/params.ts';

/** A run may take this much; past it a worker thread would fail to allocate, or starve its neighbours. */
export const MAX_RUN_BYTES = 2 * 2 ** 30;
/** The trainer evaluates in batches of this many rows (src/core/trainer.ts's EVAL_BATCH). */
const EVAL_ROWS = 500;

export function runMemoryBytes(config: Pick<TrainConfig, 'network' | 'batchSize' | 'precision'>): number {
  const spec = networkSpecOf(config as TrainConfig);
  const layout = paramLayout(spec);
  const elements = 3 * layout.size + layout.runningSize
    + workspaceSize(spec, Math.max(config.batchSize, EVAL_ROWS)) + config.batchSize * CIFAR_DIMS;
  return elements * (config.precision === 'float64' ? 8 : 4);
}

export const gigabytes = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GB`;
