// One Sweeplab measurement of `npm run bench`, in a process of its own so every network
// starts from a fresh JIT and GC state (timing three networks in one process skewed them):
// seconds per epoch of one preset (one warm-up epoch, then `--reps` timed, recording off), or
// with `--full` the whole preset run with its evaluation passes; `--threads N` shares the run's
// kernel calls over N threads as `sweeplab train --threads N` does. Prints one JSON line.
// Asserts nothing; run.ts starts it and reads the line.
//   tsx bench/epoch.ts --data DIR --net PRESET [--reps N] [--simd engine|plain] [--threads N] [--full]
import { parseArgs } from 'node:util';
import { createWasmKernels, detectSimd } from '../src/core/kernels/wasm/simd-kernels.ts';
import { createTrainer, runTraining } from '../src/core/trainer.ts';
import { loadDataset } from '../src/main/data/load.ts';
import { createKernelTeam } from '../workers/runtime/kernel-team.ts';
import { enableRelaxedSimd } from '../workers/runtime/relaxed-simd.ts';
import { getPreset } from '../src/shared/presets.ts';

const { values: flags } = parseArgs({
  options: {
    data: { type: 'string' }, net: { type: 'string', default: 'ex3-bn-3layer' }, reps: { type: 'string', default: '5' },
    simd: { type: 'string', default: 'engine' }, full: { type: 'boolean', default: false }, threads: { type: 'string', default: '1' },
  },
});
if (flags.simd !== 'engine' && flags.simd !== 'plain') throw new Error(`--simd engine|plain, not ${flags.simd}`);
// `engine`: the kernels a sweep's worker runs — relaxed SIMD switched on as workers/train.ts does.
if (flags.simd === 'engine') enableRelaxedSimd();
const simd = flags.simd === 'plain' ? 'plain' : detectSimd();
const threads = Number(flags.threads);
const kernels = createWasmKernels(simd, threads > 1 ? createKernelTeam(threads) : undefined);

const config = getPreset(flags.net!).config;
// As `sweeplab train` loads it: with threads, in shared memory (the helpers gather rows too).
const data = await loadDataset(flags.data!, config.split, config.precision, { trainAsBytes: true, shared: threads > 1 });
const cpuSeconds = (since: NodeJS.CpuUsage) => { const u = process.cpuUsage(since); return (u.user + u.system) / 1e6; };

if (flags.full) {
  // The preset as `sweeplab train` runs it; evaluation = the time spent in recorded points
  // (train + val sets) and the final test pass, i.e. everything outside the updates.
  const { trainer, state } = createTrainer(config, data, kernels);
  const start = performance.now(), cpuStart = process.cpuUsage();
  let last = start, evalSeconds = 0;
  const outcome = runTraining(trainer, state, {
    onStep: () => { last = performance.now(); },
    onRecord: () => { const now = performance.now(); evalSeconds += (now - last) / 1000; last = now; },
  });
  const end = performance.now();
  evalSeconds += (end - last) / 1000;
  if (outcome.status !== 'completed') throw new Error(`the full run ended ${outcome.status}`);
  console.log(JSON.stringify({
    net: flags.net, simd, threads, seconds: (end - start) / 1000, cpuSeconds: cpuSeconds(cpuStart), evalSeconds,
    evaluations: outcome.curves.length, test: outcome.final.test.accuracy, val: outcome.final.val.accuracy, train: outcome.final.train.accuracy,
  }));
} else {
  const reps = Number(flags.reps);
  const { trainer, state } = createTrainer(config, data, kernels);
  trainer.recordSteps = []; // the updates alone; --full times the evaluation passes
  const wall: number[] = [], cpu: number[] = [];
  let started = performance.now(), cpuStarted = process.cpuUsage();
  const signal = { aborted: false };
  runTraining(trainer, state, {
    signal,
    onStep: (p) => {
      if (p.step % trainer.stepsPerEpoch !== 0) return;
      const now = performance.now();
      if (p.step > trainer.stepsPerEpoch) { wall.push((now - started) / 1000); cpu.push(cpuSeconds(cpuStarted)); }
      started = now;
      cpuStarted = process.cpuUsage();
      if (wall.length === reps) signal.aborted = true;
    },
  });
  console.log(JSON.stringify({ net: flags.net, simd, threads, epochSeconds: wall, epochCpuSeconds: cpu }));
}
