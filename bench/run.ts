// `npm run bench`: the speed issue's benchmark on the real CIFAR-10 data (45,000 training
// images, one thread, after a warm-up): seconds per epoch of three networks, GEMM GFLOP/s on
// the step's shapes, one full ex3-bn-3layer run with its evaluation passes, the same epochs
// in numpy (bench/numpy_reference.py) with the ratio, and the whole job — the 8-run coarse λ
// sweep run by the engine on every core vs numpy running the same runs one after another, and
// one run shared over every core (`train --threads`) against the same run on one thread.
// Every measurement runs in a child process of its own (fresh JIT, GC and page state), this
// process only starts them and prints. A benchmark, not a test: it asserts nothing.
//   npm run bench -- [--data DIR] [--processes N] [--reps N] [--workers N] [--threads N] [--json] [--skip-numpy] [--skip-gemm] [--skip-epochs] [--skip-threads] [--skip-run] [--skip-sweep]
//   npm run bench -- --search [--quick] [--seeds 1,2,3] [--data DIR] [--json]   (bench/search.ts only)
//   npm run bench -- --distributed [--data DIR] [--runs N] [--steps N] [--memory-runs N] [--tiny]: bench/distributed.ts instead
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { detectSimd } from '../src/core/kernels/wasm/simd-kernels.ts';
import { expandSweep } from '../src/shared/sweep/expand.ts';
import { getSweepPreset } from '../src/shared/sweep-presets.ts';
import type { EngineSweepResult } from './engine-sweep.ts';
import type { GemmRate } from './gemm.ts';
import { numpyMissing, runNumpy } from './numpy.ts';

if (process.argv.includes('--distributed')) {
  const rest = process.argv.slice(2).filter((arg) => arg !== '--distributed');
  const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./distributed.ts', import.meta.url)), ...rest], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

const { values: flags } = parseArgs({
  options: {
    data: { type: 'string' }, reps: { type: 'string', default: '3' }, processes: { type: 'string', default: '5' }, workers: { type: 'string', default: String(cpus().length) },
    json: { type: 'boolean', default: false }, 'skip-numpy': { type: 'boolean', default: false },
    'skip-gemm': { type: 'boolean', default: false }, 'skip-epochs': { type: 'boolean', default: false },
    'skip-run': { type: 'boolean', default: false }, 'skip-sweep': { type: 'boolean', default: false },
    threads: { type: 'string', default: String(cpus().length) }, 'skip-threads': { type: 'boolean', default: false },
    search: { type: 'boolean', default: false }, quick: { type: 'boolean', default: false }, seeds: { type: 'string' },
  },
});
if (flags.search) {
  const args = [...(flags.data ? ['--data', flags.data] : []), ...(flags.quick ? ['--quick'] : []), ...(flags.seeds ? ['--seeds', flags.seeds] : []), ...(flags.json ? ['--json'] : [])];
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./search.ts', import.meta.url)), ...args], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
const dataDir = flags.data ?? process.env.SWEEPLAB_DATA ?? resolve(import.meta.dirname, '../../shared/cifar-10-batches-bin');
if (!existsSync(dataDir)) {
  console.error(`bench: no CIFAR-10 data at ${dataDir}; pass --data DIR or set SWEEPLAB_DATA`);
  process.exit(1);
}
const reps = flags.reps;
const processes = Number(flags.processes);
if (!Number.isInteger(processes) || processes < 1) throw new Error(`--processes takes a positive integer, not ${flags.processes}`);
const say = (line: string) => { if (!flags.json) console.log(line); };
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
type Summary = { median: number; min: number; max: number; reps: number };
const summary = (xs: number[]): Summary => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), reps: xs.length });
const fmt = (s: Summary) => `${s.median.toFixed(3)} s (${s.min.toFixed(3)}–${s.max.toFixed(3)})`;
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** Runs a bench script in a fresh Node process and parses the JSON of its last stdout line. */
function child<T>(script: string, args: string[], nodeFlags: string[] = []): T {
  const r = spawnSync(process.execPath, [...nodeFlags, '--import', 'tsx', here(script), ...args], { encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`bench: ${script} ${args.join(' ')} failed (exit ${r.status}):\n${r.stderr}`);
  // One JSON line after any chatter, or (engine-sweep.ts --json) one pretty-printed object.
  const out = r.stdout.trim();
  return JSON.parse(out.startsWith('{') || out.startsWith('[') ? out : out.split('\n').at(-1)!) as T;
}

const env = { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, simdWithoutFlags: detectSimd(), loadAverageAtStart: loadavg()[0] };
say(`Sweeplab bench — ${env.cpu}, ${env.cores} cores, Node ${env.node}, WebAssembly SIMD without flags: ${env.simdWithoutFlags ?? 'none'}; load average ${env.loadAverageAtStart.toFixed(2)} (timings are noisy above ~1)`);

const gemm: GemmRate[] = [];
if (!flags['skip-gemm']) {
  say(`\nGEMM on the step's shapes (one thread, median of 9 blocks, each flavour in its own process)`);
  gemm.push(...child<GemmRate[]>('./gemm.ts', ['plain']));
  if (env.simdWithoutFlags) gemm.push(...child<GemmRate[]>('./gemm.ts', ['relaxed'], ['--experimental-wasm-relaxed-simd']));
}
for (const g of gemm) say(`  ${g.name.padEnd(24)} ${g.shape.padEnd(22)} ${g.flavour.padEnd(8)} ${g.microseconds.toFixed(0).padStart(6)} µs  ${g.gflops.toFixed(1)} GFLOP/s`);

const networks = [
  { id: 'ex3-bn-3layer', numpyNet: 'bn3', label: '3072-50-50-10, BN' },
  { id: 'ex2.2-3layer', numpyNet: 'nobn3', label: '3072-50-50-10, no BN' },
  { id: 'ex3-bn-9layer-best', numpyNet: 'bn9', label: '9 layers, BN' },
];
const numpyWhy = flags['skip-numpy'] ? 'skipped (--skip-numpy)' : numpyMissing();
if (numpyWhy && flags['skip-epochs']) say(`\nnumpy: ${numpyWhy}`);
if (!flags['skip-epochs']) say(`\nOne epoch (45,000 images, batch 100, float32, one thread): ${processes} fresh processes per network and kind, each ${reps} epochs after a warm-up;`);
if (!flags['skip-epochs']) say(`  a process's figure is the median of its epochs; median (min–max) across processes`);
if (!flags['skip-epochs']) say(`  Sweeplab: the engine's kernels (relaxed SIMD where the runtime can be switched to it), and plain SIMD for comparison`);
if (numpyWhy && !flags['skip-epochs']) say(`  numpy: ${numpyWhy}`);
interface EpochTimes { simd: string | null; epochSeconds: number[]; epochCpuSeconds: number[] }
/** Per-process medians of wall and CPU seconds, over `processes` fresh processes made by `once`. */
function acrossProcesses(once: () => { epochSeconds: number[]; epochCpuSeconds: number[] }): { wall: Summary; cpu: Summary; withinProcess: number } {
  const wall: number[] = [], cpu: number[] = [];
  let withinProcess = 0;
  for (let i = 0; i < processes; i++) {
    const r = once();
    wall.push(median(r.epochSeconds));
    cpu.push(median(r.epochCpuSeconds));
    withinProcess = Math.max(withinProcess, Math.max(...r.epochSeconds) / Math.min(...r.epochSeconds));
  }
  return { wall: summary(wall), cpu: summary(cpu), withinProcess };
}
const spread = (s: Summary) => `${fmt(s)} max/min ${(s.max / s.min).toFixed(2)}`;
let numpyBlas: unknown = null;
const epochs = (flags['skip-epochs'] ? [] : networks).map((n) => {
  let simd: string | null = null;
  const ours = acrossProcesses(() => {
    const r = child<EpochTimes>('./epoch.ts', ['--data', dataDir, '--net', n.id, '--reps', reps]);
    simd = r.simd;
    return r;
  });
  const plain = acrossProcesses(() => child<EpochTimes>('./epoch.ts', ['--data', dataDir, '--net', n.id, '--reps', reps, '--simd', 'plain']));
  let numpy: ReturnType<typeof acrossProcesses> | null = null;
  if (!numpyWhy) {
    numpy = acrossProcesses(() => {
      const r = runNumpy(dataDir, ['epoch', '--net', n.numpyNet, '--reps', reps]);
      numpyBlas = { numpy: r.numpy, python: r.python, ...(r.blas as object) };
      return r as unknown as EpochTimes;
    });
  }
  const ratio = numpy ? ours.wall.median / numpy.wall.median : null;
  const cpuRatio = numpy ? ours.cpu.median / numpy.cpu.median : null;
  say(`  ${n.id} (${n.label})`);
  say(`    wall  Sweeplab (${simd}) ${spread(ours.wall)}  plain ${spread(plain.wall)}` + (numpy ? `  numpy ${spread(numpy.wall)}  ratio ${ratio!.toFixed(2)}×` : ''));
  say(`    CPU   Sweeplab (${simd}) ${spread(ours.cpu)}  plain ${spread(plain.cpu)}` + (numpy ? `  numpy ${spread(numpy.cpu)}  ratio ${cpuRatio!.toFixed(2)}×` : ''));
  say(`    largest max/min of the epochs inside one process: Sweeplab ${ours.withinProcess.toFixed(2)}, plain ${plain.withinProcess.toFixed(2)}` + (numpy ? `, numpy ${numpy.withinProcess.toFixed(2)}` : ''));
  return {
    id: n.id, label: n.label, simd, processes, reps: Number(reps),
    sweeplab: ours.wall, sweeplabCpu: ours.cpu, plainSimd: plain.wall, plainSimdCpu: plain.cpu,
    numpy: numpy?.wall ?? null, numpyCpu: numpy?.cpu ?? null, ratio, cpuRatio,
  };
});
if (numpyBlas) say(`  numpy and its BLAS: ${JSON.stringify(numpyBlas)}`);

let threaded: Record<string, unknown> | null = null;
if (!flags['skip-threads']) {
  const threads = Number(flags.threads);
  say(`\nOne run on every core: the ex3-bn-3layer epoch on 1 thread and shared over ${threads} (train --threads), ${processes} processes each, interleaved`);
  const one: number[] = [], many: number[] = [], manyCpu: number[] = [];
  for (let i = 0; i < processes; i++) {
    one.push(median(child<EpochTimes>('./epoch.ts', ['--data', dataDir, '--net', 'ex3-bn-3layer', '--reps', reps]).epochSeconds));
    const r = child<EpochTimes>('./epoch.ts', ['--data', dataDir, '--net', 'ex3-bn-3layer', '--reps', reps, '--threads', String(threads)]);
    many.push(median(r.epochSeconds));
    manyCpu.push(median(r.epochCpuSeconds));
  }
  const numpyOne = epochs.find((e) => e.id === 'ex3-bn-3layer')?.numpy ?? null;
  const speedUp = median(one) / median(many);
  say(`  1 thread ${spread(summary(one))}   ${threads} threads ${spread(summary(many))} (CPU ${fmt(summary(manyCpu))})   speed-up ${speedUp.toFixed(2)}×`
    + (numpyOne ? `   vs numpy on one thread ${(median(many) / numpyOne.median).toFixed(2)}×` : ''));
  threaded = { threads, oneThread: summary(one), shared: summary(many), sharedCpu: summary(manyCpu), speedUp, versusNumpyOneThread: numpyOne ? median(many) / numpyOne.median : null };
}

interface FullRun { simd: string | null; seconds: number; cpuSeconds: number; evalSeconds: number; evaluations: number; test: number; val: number; train: number }
let fullRun: FullRun | null = null;
if (!flags['skip-run']) {
  fullRun = child<FullRun>('./epoch.ts', ['--data', dataDir, '--net', 'ex3-bn-3layer', '--full']);
  say(`\nOne full ex3-bn-3layer run (20 epochs, ${fullRun.evaluations} evaluations of train + val, final test; ${fullRun.simd} SIMD): ${fullRun.seconds.toFixed(1)} s`
    + ` (CPU ${fullRun.cpuSeconds.toFixed(1)} s; evaluation passes ${fullRun.evalSeconds.toFixed(1)} s), test ${(100 * fullRun.test).toFixed(2)}%`);
}

let sweep: Record<string, unknown> | null = null;
if (!flags['skip-sweep']) {
  const lambdas = expandSweep(getSweepPreset('lambda-coarse')).map((p) => p.config.lambda);
  const workers = Number(flags.workers);
  say(`\nThe whole job: the coarse λ sweep (preset lambda-coarse: 8 runs of ex3-bn-3layer, 20 epochs, 21 evaluations each)`);
  const engine = child<{ results: EngineSweepResult[] }>('./engine-sweep.ts', ['--data', dataDir, '--workers', String(workers), '--full', '--json']).results[0];
  say(`  Sweeplab engine, ${workers} workers (${engine.simd} SIMD): ${engine.seconds.toFixed(1)} s wall, ${engine.completed}/${engine.runs} runs completed (dataset decoded before the clock)`);
  let numpySweep: Record<string, unknown> | null = null;
  if (!numpyWhy) {
    numpySweep = runNumpy(dataDir, ['sweep', '--lambdas', lambdas.join(','), '--epochs', '20']);
    const total = numpySweep.totalSeconds as number;
    say(`  numpy, one after another: ${total.toFixed(1)} s (data loading excluded)  ratio ${(engine.seconds / total).toFixed(2)}×`);
  }
  const numpyRuns = (numpySweep?.runs ?? []) as Array<{ lambda: number; val: number; test: number }>;
  for (const r of engine.results) {
    const np = numpyRuns.find((x) => Math.abs(x.lambda - r.lambda) <= 1e-12 * Math.max(1, r.lambda));
    say(`    λ ${r.lambda.toPrecision(4).padEnd(8)} Sweeplab val ${pct(r.val)} test ${pct(r.test)}` + (np ? `   numpy val ${pct(np.val)} test ${pct(np.test)}` : ''));
  }
  sweep = { preset: 'lambda-coarse', lambdas, workers, sweeplab: engine, numpy: numpySweep, ratio: numpySweep ? engine.seconds / (numpySweep.totalSeconds as number) : null };
}
function pct(x: number | null): string { return x === null ? '   ?  ' : `${(100 * x).toFixed(2)}%`; }

const loadAverageAtEnd = loadavg()[0];
say(`\nload average at the end: ${loadAverageAtEnd.toFixed(2)}`);
if (flags.json) console.log(JSON.stringify({ env: { ...env, loadAverageAtEnd }, numpyBlas, gemm, epochs, threaded, fullRun, sweep }, null, 2));
