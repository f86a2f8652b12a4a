// `npm run bench -- --search`: does early stopping plus model-based search pay on this study?
// Over λ (log 1e-5..1e-1), η_max (log 1e-2..3e-1) and n_s ∈ {450, 900, 2250} on the a2 split,
// the full grid (every point trained to the end) against TPE + ASHA with as many trials, for
// several search seeds, one run at a time in this process (so each search is reproducible).
// Prints the best final val accuracy each found and the update steps each spent; the target
// is within 0.3 points of the grid's best with at most 40% of its steps. `--quick` runs a tiny
// space on the committed test slice to show the machinery works; its numbers mean nothing.
// A benchmark, not a test: it asserts nothing.
//   tsx bench/search.ts [--data DIR] [--quick] [--seeds 1,2,3] [--json]
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { TrainConfig } from '../src/core/config.ts';
import type { Dataset } from '../src/core/dataset.ts';
import type { RecordPoint } from '../src/core/metrics.ts';
import { judgePoint } from '../src/core/search/asha.ts';
import type { AshaSpec } from '../src/core/search/asha.ts';
import { totalSteps } from '../src/core/schedule.ts';
import { expandSweep } from '../src/shared/sweep/expand.ts';
import { nextTrial } from '../src/shared/sweep/search-trials.ts';
import type { FinishedRun } from '../src/shared/sweep/search-trials.ts';
import { train } from '../src/core/trainer.ts';
import { loadDataset } from '../src/main/data/load.ts';
import { parseAnySweepSpec } from '../src/shared/search-schema.ts';
import type { SearchSweepSpec } from '../src/shared/search-schema.ts';
import type { SweepSpec } from '../src/shared/sweep-schema.ts';

const { values: flags } = parseArgs({
  options: {
    data: { type: 'string' }, quick: { type: 'boolean', default: false },
    seeds: { type: 'string', default: '1,2,3' }, json: { type: 'boolean', default: false },
  },
});
const quick = flags.quick === true;
const dataDir = flags.data ?? (quick
  ? resolve(import.meta.dirname, '../test/fixtures/cifar-10-batches-bin')
  : process.env.SWEEPLAB_DATA ?? resolve(import.meta.dirname, '../../shared/cifar-10-batches-bin'));
if (!existsSync(dataDir)) {
  console.error(`bench: no CIFAR-10 data at ${dataDir}; pass --data DIR or set SWEEPLAB_DATA`);
  process.exit(1);
}
const seeds = flags.seeds.split(',').map(Number);
const say = (line: string) => { if (!flags.json) console.log(line); };

// The study's 3-layer BN network on a2 (10,000 training images: 100 steps an epoch), 2 cycles.
// Quick: the same network on the slice (100 images, batch 20: 5 steps an epoch), n_s in steps.
const base = quick
  ? { preset: 'ex3-bn-3layer', split: 'a2', batchSize: 20, schedule: { stepSize: 4, cycles: 1 } }
  : { preset: 'ex3-bn-3layer', split: 'a2', schedule: { cycles: 2 } };
const stepSizes = quick ? [4, 8, 20] : [450, 900, 2250];
const lambdaRange = { min: 1e-5, max: 1e-1 };
const etaRange = { min: 1e-2, max: 3e-1 };
// The first rung after one whole cycle of the shortest schedule (2 n_s): before that, a run's
// accuracy says more about where its learning rate is in its cycle than about its settings.
const scheduler: AshaSpec = { kind: 'asha', metric: 'val.accuracy', minSteps: 2 * stepSizes[0], reduction: 3 };
const gridCounts = quick ? { lambda: 2, eta: 2 } : { lambda: 5, eta: 3 };

const grid = parseAnySweepSpec({
  name: 'grid', base,
  axes: [
    { path: 'lambda', logUniform: { ...lambdaRange, count: gridCounts.lambda } },
    { path: 'schedule.etaMax', logUniform: { ...etaRange, count: gridCounts.eta } },
    { path: 'schedule.stepSize', values: stepSizes },
  ],
}, 'bench grid') as SweepSpec;
const trials = gridCounts.lambda * gridCounts.eta * stepSizes.length;
const searchSpec = (seed: number) => parseAnySweepSpec({
  name: `tpe-${seed}`, base, scheduler,
  search: { kind: 'tpe', trials, startup: Math.max(2, Math.round(trials / 5)), seed },
  axes: [
    { path: 'lambda', logUniform: lambdaRange },
    { path: 'schedule.etaMax', logUniform: etaRange },
    { path: 'schedule.stepSize', values: stepSizes },
  ],
}, 'bench search') as SearchSweepSpec;

const data: Dataset = await loadDataset(dataDir, grid.base.split, grid.base.precision);

interface Outcome { status: 'completed' | 'pruned' | 'diverged'; steps: number; value?: number; prunedAt?: { step: number; value: number } }

/** One run to the end, or until ASHA prunes it (with the values earlier runs had at each rung). */
function runOne(config: TrainConfig, rungs?: number[][]): Outcome {
  const signal = { aborted: false };
  let decided = 0;
  let prunedAt: Outcome['prunedAt'];
  const onRecord = rungs && ((point: RecordPoint) => {
    for (const decision of judgePoint(scheduler, totalSteps(config.schedule), point, decided, (k) => rungs[k] ?? [])) {
      (rungs[decision.rung] ??= []).push(decision.value);
      decided++;
      if (decision.action === 'prune') {
        prunedAt = { step: decision.step, value: decision.value };
        signal.aborted = true;
      }
    }
  });
  const outcome = train(config, data, { onRecord: onRecord || undefined, signal });
  if (outcome.status === 'completed') return { status: 'completed', steps: outcome.steps, value: outcome.final.val.accuracy };
  if (prunedAt) return { status: 'pruned', steps: outcome.steps, prunedAt };
  return { status: 'diverged', steps: outcome.steps };
}

const best = (outcomes: Outcome[]) => Math.max(...outcomes.map((o) => o.value ?? -Infinity));
const stepsOf = (outcomes: Outcome[]) => outcomes.reduce((s, o) => s + o.steps, 0);

say(`Search bench${quick ? ' (--quick: test slice, numbers mean nothing)' : ''}: ${trials} trials over λ, η_max, n_s ∈ {${stepSizes.join(', ')}} on a2`);
const gridStart = performance.now();
const gridRuns = expandSweep(grid).map((run) => runOne(run.config));
const gridBest = best(gridRuns);
const gridSteps = stepsOf(gridRuns);
say(`  grid      best val ${(100 * gridBest).toFixed(2)}%  steps ${gridSteps}  (${((performance.now() - gridStart) / 1000).toFixed(0)} s)`);

const searches = seeds.map((seed) => {
  const spec = searchSpec(seed);
  const rungs: number[][] = [];
  const finished: FinishedRun[] = [];
  const outcomes: Outcome[] = [];
  const start = performance.now();
  for (let i = 0; i < spec.search.trials; i++) {
    const run = nextTrial(spec, finished, i);
    const outcome = runOne(run.config, rungs);
    outcomes.push(outcome);
    finished.push({ point: run.point, status: outcome.status, value: outcome.value, prunedAt: outcome.prunedAt });
  }
  const result = {
    seed, best: best(outcomes), steps: stepsOf(outcomes), pruned: outcomes.filter((o) => o.status === 'pruned').length,
    seconds: (performance.now() - start) / 1000,
  };
  const gap = 100 * (gridBest - result.best);
  say(`  TPE+ASHA seed ${seed}  best val ${(100 * result.best).toFixed(2)}% (${gap > 0.005 ? '−' : '+'}${Math.abs(gap).toFixed(2)} pts)  steps ${result.steps} (${((100 * result.steps) / gridSteps).toFixed(0)}% of the grid's)  pruned ${result.pruned}/${trials}  (${result.seconds.toFixed(0)} s)`);
  return { ...result, gapPoints: gap, stepShare: result.steps / gridSteps };
});

const met = searches.filter((s) => s.gapPoints <= 0.3 && s.stepShare <= 0.4).length;
say(`  target (within 0.3 points of the grid's best with <= 40% of its steps): met by ${met} of ${searches.length} seeds`);
if (flags.json) console.log(JSON.stringify({ quick, trials, grid: { best: gridBest, steps: gridSteps }, searches }));
