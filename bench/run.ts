// `npm run bench`: times one training epoch per network on the real CIFAR-10 data (45,000
// images, one thread, after a warm-up) and prints median and spread. A benchmark, not a
// test: it asserts nothing. The speed issue extends it (GEMM rates, numpy comparison, sweeps).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import type { TrainConfig } from '../src/core/config.ts';
import type { Dataset } from '../src/core/dataset.ts';
import { createTrainer, runTraining } from '../src/core/trainer.ts';
import { loadDataset } from '../src/main/data/load.ts';
import { getPreset } from '../src/shared/presets.ts';

const { values: flags } = parseArgs({ options: { data: { type: 'string' }, reps: { type: 'string', default: '3' }, json: { type: 'boolean', default: false } } });
const dataDir = flags.data ?? process.env.SWEEPLAB_DATA ?? resolve(import.meta.dirname, '../../shared/cifar-10-batches-bin');
if (!existsSync(dataDir)) {
  console.error(`bench: no CIFAR-10 data at ${dataDir}; pass --data DIR or set SWEEPLAB_DATA`);
  process.exit(1);
}
const reps = Number(flags.reps);

/** Seconds per epoch: `reps` timed epochs after one warm-up epoch, recording switched off. */
function timeEpochs(config: TrainConfig, data: Dataset): number[] {
  const { trainer, state } = createTrainer(config, data);
  trainer.recordSteps = []; // time the updates alone; evaluation passes are timed separately by the speed issue
  const times: number[] = [];
  let started = performance.now();
  const signal = { aborted: false };
  runTraining(trainer, state, {
    signal,
    onStep: (p) => {
      if (p.step % trainer.stepsPerEpoch !== 0) return;
      const now = performance.now();
      if (p.step > trainer.stepsPerEpoch) times.push((now - started) / 1000);
      started = now;
      if (times.length === reps) signal.aborted = true;
    },
  });
  return times;
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const data = await loadDataset(dataDir, { kind: 'holdout', validation: 5000 }, 'float32');
const networks: Array<[string, TrainConfig]> = [
  ['ex3-bn-3layer (3072-50-50-10, BN)', getPreset('ex3-bn-3layer').config],
  ['ex2.2-3layer (3072-50-50-10, no BN)', getPreset('ex2.2-3layer').config],
  ['ex3-bn-9layer-best (9 layers, BN)', getPreset('ex3-bn-9layer-best').config],
];
const results = networks.map(([name, config]) => {
  const times = timeEpochs(config, data);
  return { name, medianSeconds: median(times), minSeconds: Math.min(...times), maxSeconds: Math.max(...times), reps: times.length };
});
const env = { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', threads: 1, images: data.train.n };
if (flags.json) console.log(JSON.stringify({ env, epochs: results }, null, 2));
else {
  console.log(`one epoch, ${env.images} images, batch 100, float32, one thread — ${env.cpu}, Node ${env.node}`);
  for (const r of results) console.log(`${r.name.padEnd(40)} median ${r.medianSeconds.toFixed(2)} s  (min ${r.minSeconds.toFixed(2)}, max ${r.maxSeconds.toFixed(2)}, ${r.reps} reps)`);
}
