// `npm run bench`: the speed issue's benchmark on the real CIFAR-10 data (45,000 training
// images, one thread, after a warm-up): seconds per epoch of three networks, GEMM GFLOP/s on
// the step's shapes, one full ex3-bn-3layer run with its evaluation passes, the same epochs
// in numpy (bench/numpy_reference.py) with the ratio, and the 8-run λ sweep on every core vs
// numpy running it sequentially. A benchmark, not a test: it asserts nothing.
//   npm run bench -- [--data DIR] [--reps N] [--json] [--skip-numpy] [--skip-run] [--skip-sweep]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { TrainConfig } from '../src/core/config.ts';
import type { Dataset } from '../src/core/dataset.ts';
import { defaultKernels } from '../src/core/kernels/default.ts';
import { referenceKernels } from '../src/core/kernels/index.ts';
import type { Kernels } from '../src/core/kernels/index.ts';
import { createWasmKernels, detectSimd } from '../src/core/kernels/wasm/wasm-kernels.ts';
import type { SimdFlavour } from '../src/core/kernels/wasm/wasm-kernels.ts';
import { createTrainer, runTraining, train } from '../src/core/trainer.ts';
import { loadDataset } from '../src/main/data/load.ts';
import { getPreset } from '../src/shared/presets.ts';
import { gemmRates } from './gemm.ts';
import type { GemmRate } from './gemm.ts';
import { numpyMissing, runNumpy } from './numpy.ts';
import { COARSE_LAMBDAS, sweepThroughCli } from './sweep.ts';

const { values: flags } = parseArgs({
  options: {
    data: { type: 'string' }, reps: { type: 'string', default: '5' }, json: { type: 'boolean', default: false },
    'skip-numpy': { type: 'boolean', default: false }, 'skip-run': { type: 'boolean', default: false },
    'skip-sweep': { type: 'boolean', default: false }, 'with-reference': { type: 'boolean', default: false },
  },
});
const dataDir = flags.data ?? process.env.SWEEPLAB_DATA ?? resolve(import.meta.dirname, '../../shared/cifar-10-batches-bin');
if (!existsSync(dataDir)) {
  console.error(`bench: no CIFAR-10 data at ${dataDir}; pass --data DIR or set SWEEPLAB_DATA`);
  process.exit(1);
}
const reps = Number(flags.reps);
const say = (line: string) => { if (!flags.json) console.log(line); };
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const summary = (xs: number[]) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), reps: xs.length });
const fmt = (s: { median: number; min: number; max: number }) => `${s.median.toFixed(3)} s (${s.min.toFixed(3)}–${s.max.toFixed(3)})`;

/**
 * Seconds per epoch, wall clock and CPU time of this process (less disturbed when other work
 * shares the cores): `count` timed epochs after one warm-up epoch, recording switched off.
 */
function timeEpochs(config: TrainConfig, data: Dataset, kernels: Kernels, count = reps): { wall: number[]; cpu: number[] } {
  const { trainer, state } = createTrainer(config, data, kernels);
  trainer.recordSteps = []; // the updates alone; the full run below includes the evaluation passes
  const wall: number[] = [], cpu: number[] = [];
  let started = performance.now(), cpuStarted = process.cpuUsage();
  const signal = { aborted: false };
  runTraining(trainer, state, {
    signal,
    onStep: (p) => {
      if (p.step % trainer.stepsPerEpoch !== 0) return;
      const now = performance.now(), used = process.cpuUsage(cpuStarted);
      if (p.step > trainer.stepsPerEpoch) { wall.push((now - started) / 1000); cpu.push((used.user + used.system) / 1e6); }
      started = now;
      cpuStarted = process.cpuUsage();
      if (wall.length === count) signal.aborted = true;
    },
  });
  return { wall, cpu };
}

const env = { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, simd: detectSimd(), loadAverageAtStart: loadavg()[0] };
say(`Sweeplab bench — ${env.cpu}, ${env.cores} cores, Node ${env.node}, WebAssembly SIMD: ${env.simd ?? 'none'}; load average ${env.loadAverageAtStart.toFixed(2)} (timings are noisy above ~1)`);

const data = await loadDataset(dataDir, { kind: 'holdout', validation: 5000 }, 'float32');
const networks: Array<{ id: string; numpyNet: string; label: string; config: TrainConfig }> = [
  { id: 'ex3-bn-3layer', numpyNet: 'bn3', label: '3072-50-50-10, BN', config: getPreset('ex3-bn-3layer').config },
  { id: 'ex2.2-3layer', numpyNet: 'nobn3', label: '3072-50-50-10, no BN', config: getPreset('ex2.2-3layer').config },
  { id: 'ex3-bn-9layer-best', numpyNet: 'bn9', label: '9 layers, BN', config: getPreset('ex3-bn-9layer-best').config },
];

say(`\nGEMM on the step's shapes (one thread, median of 9 blocks)`);
const flavours = env.simd === 'relaxed' ? (['plain', 'relaxed'] as const) : env.simd === 'plain' ? (['plain'] as const) : [];
const gemm = flavours.flatMap((f) => gemmRates(f));
if (env.simd === 'plain') {
  // Node 20 validates relaxed SIMD only behind a flag: measure it in a child that has the flag.
  const child = spawnSync(process.execPath, ['--experimental-wasm-relaxed-simd', '--import', 'tsx', fileURLToPath(new URL('./gemm.ts', import.meta.url)), 'relaxed'], { encoding: 'utf8' });
  if (child.status === 0) gemm.push(...(JSON.parse(child.stdout.trim().split('\n').at(-1)!) as GemmRate[]).map((g) => ({ ...g, flavour: 'relaxed (--experimental-wasm-relaxed-simd)' as SimdFlavour })));
  else say(`  relaxed SIMD: not measurable here (${child.stderr.trim().split('\n')[0]})`);
}
for (const g of gemm) say(`  ${g.name.padEnd(24)} ${g.shape.padEnd(22)} ${g.flavour.padEnd(10)} ${g.microseconds.toFixed(0).padStart(6)} µs  ${g.gflops.toFixed(1)} GFLOP/s`);

say(`\nOne epoch (45,000 images, batch 100, float32, one thread), ${reps} reps after a warm-up`);
const numpyWhy = flags['skip-numpy'] ? 'skipped (--skip-numpy)' : numpyMissing();
if (numpyWhy) say(`  numpy: ${numpyWhy}`);
let numpyBlas: unknown = null;
const epochs = networks.map((n) => {
  const ours = timeEpochs(n.config, data, defaultKernels);
  const sweeplab = summary(ours.wall), sweeplabCpu = summary(ours.cpu);
  const plain = env.simd === 'relaxed' ? summary(timeEpochs(n.config, data, createWasmKernels('plain')).wall) : null;
  let numpy: ReturnType<typeof summary> | null = null, numpyCpu: ReturnType<typeof summary> | null = null;
  if (!numpyWhy) {
    const r = runNumpy(dataDir, ['epoch', '--net', n.numpyNet, '--reps', String(reps)]);
    numpy = summary(r.epochSeconds as number[]);
    numpyCpu = summary(r.epochCpuSeconds as number[]);
    numpyBlas = r.blas;
  }
  const ratio = numpy ? sweeplab.median / numpy.median : null;
  const cpuRatio = numpyCpu ? sweeplabCpu.median / numpyCpu.median : null;
  say(`  ${n.id.padEnd(19)} ${n.label.padEnd(21)} Sweeplab ${fmt(sweeplab)}` + (plain ? `  plain SIMD ${fmt(plain)}` : '')
    + (numpy ? `  numpy ${fmt(numpy)}  ratio ${ratio!.toFixed(2)}×` : ''));
  say(`  ${''.padEnd(41)} CPU time: Sweeplab ${fmt(sweeplabCpu)}` + (numpyCpu ? `  numpy ${fmt(numpyCpu)}  ratio ${cpuRatio!.toFixed(2)}×` : ''));
  return { id: n.id, label: n.label, sweeplab, sweeplabCpu, plainSimd: plain, numpy, numpyCpu, ratio, cpuRatio };
});
if (numpyBlas) say(`  numpy's BLAS: ${JSON.stringify(numpyBlas)}`);

let reference: ReturnType<typeof summary> | null = null;
if (flags['with-reference']) {
  reference = summary(timeEpochs(networks[0].config, data, referenceKernels, 1).wall);
  say(`  ex3-bn-3layer on the plain TypeScript reference kernels: ${fmt(reference)}`);
}

let fullRun: { seconds: number; testAccuracy: number; valAccuracy: number } | null = null;
if (!flags['skip-run']) {
  const t = performance.now();
  const r = train(networks[0].config, data);
  const seconds = (performance.now() - t) / 1000;
  if (r.status === 'completed') fullRun = { seconds, testAccuracy: r.final.test.accuracy, valAccuracy: r.final.val.accuracy };
  say(`\nOne full ex3-bn-3layer run (20 epochs, 21 evaluations of train + val, final test): ${seconds.toFixed(1)} s, test ${fullRun ? (100 * fullRun.testAccuracy).toFixed(2) : '?'}%`);
}

let sweep: Record<string, unknown> | null = null;
if (!flags['skip-sweep']) {
  say(`\nThe coarse λ sweep (8 runs of ex3-bn-3layer, 20 epochs each; λ = ${COARSE_LAMBDAS.join(', ')})`);
  const ours = await sweepThroughCli(networks[0].config, dataDir, env.cores);
  say(`  Sweeplab, ${env.cores} at a time through the CLI: ${ours.wallSeconds.toFixed(1)} s wall (training without data loading: ${ours.runs.map((r) => r.wallSeconds.toFixed(0)).join(', ')} s)`);
  let numpySweep: Record<string, unknown> | null = null;
  if (!numpyWhy) {
    numpySweep = runNumpy(dataDir, ['sweep', '--lambdas', COARSE_LAMBDAS.join(','), '--epochs', '20']);
    const total = numpySweep.totalSeconds as number;
    say(`  numpy, one after another: ${total.toFixed(1)} s (data loading excluded)  ratio ${(ours.wallSeconds / total).toFixed(2)}×`);
  }
  sweep = { lambdas: COARSE_LAMBDAS, sweeplab: ours, numpy: numpySweep, ratio: numpySweep ? ours.wallSeconds / (numpySweep.totalSeconds as number) : null };
}

const loadAverageAtEnd = loadavg()[0];
say(`\nload average at the end: ${loadAverageAtEnd.toFixed(2)}`);
if (flags.json) console.log(JSON.stringify({ env: { ...env, loadAverageAtEnd }, numpyBlas, gemm, epochs, reference, fullRun, sweep }, null, 2));
