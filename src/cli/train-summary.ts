// What `sweeplab train` says about a run in words: a one-line description of the config, the
// sizes of the data splits, and the final-metrics table beside the reference figures. Pure
// string building; the JSON output carries the raw values instead.
import type { SplitSpec, TrainConfig } from '../core/config.ts';
import type { Dataset } from '../core/dataset.ts';
import type { FinalMetrics } from '../core/metrics.ts';
import type { ReferenceFigures } from '../shared/presets.ts';
import type { Column } from './format.ts';
import { count, fixed, percent, points, renderTable, setting } from './format.ts';

/** "ex3-bn-3layer: 3-layer [50,50], BN, He init, 45k/5k split, λ 0.005, …, seed 12345, float32". */
export function describeConfig(config: TrainConfig, totalSteps: number, epochs: number): string {
  const { network, schedule } = config;
  const init = network.init.kind === 'he' ? 'He init' : `init N(0, ${network.init.sigma}²)`;
  const parts = [
    `${network.hidden.length + 1}-layer [${network.hidden.join(',')}]`,
    network.batchNorm ? `BN α ${network.bnAlpha}` : 'no BN',
    init,
    describeSplit(config.split),
    `λ ${setting(config.lambda)}`,
    `${schedule.cycles} cycle${schedule.cycles === 1 ? '' : 's'} of n_s ${schedule.stepSize} (η ${setting(schedule.etaMin)}..${setting(schedule.etaMax)})`,
    `${totalSteps} steps of batch ${config.batchSize} (${epochs.toFixed(1)} epochs)`,
    `seed ${config.seed}`,
    config.precision,
  ];
  return `${config.name ? `${config.name}: ` : ''}${parts.join(', ')}`;
}

function describeSplit(split: SplitSpec): string {
  const limit = split.trainLimit === undefined ? '' : ` (first ${split.trainLimit} training images)`;
  switch (split.kind) {
    case 'a2': return `A2 split${limit}`;
    case 'holdout': return `holdout split, ${split.validation} validation images${limit}`;
  }
}

export function describeSplitSizes(data: Dataset): string {
  return `${count(data.train.n)} train / ${count(data.val.n)} val / ${count(data.test.n)} test images`;
}

/**
 * Accuracy, cost and loss per set; with a preset, its reference accuracy and the difference in
 * points, taken between the two figures as shown so that the table adds up.
 */
export function renderFinal(final: FinalMetrics, reference: ReferenceFigures | undefined): string {
  const sets = ['train', 'val', 'test'] as const;
  const columns: Column[] = [
    { head: 'set' },
    { head: 'accuracy', align: 'right' },
    ...(reference ? [{ head: 'reference', align: 'right' as const }, { head: 'difference (pts)', align: 'right' as const }] : []),
    { head: 'cost', align: 'right' },
    { head: 'loss', align: 'right' },
  ];
  const rows = sets.map((set) => {
    const m = final[set];
    const ref = reference?.[set];
    const compared = reference
      ? [ref === undefined ? '-' : `${ref.toFixed(2)}%`, ref === undefined ? '-' : points(Number((100 * m.accuracy).toFixed(2)) - ref)]
      : [];
    return [set, percent(m.accuracy), ...compared, fixed(m.cost), fixed(m.loss)];
  });
  return renderTable(columns, rows);
}
