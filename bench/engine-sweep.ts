// Engine sweep benchmark: the same 8-run λ sweep (the coarse λ preset with a shortened
// schedule, or with --full the preset as is) run by the engine (src/main/engine: Piscina pool,
// one shared dataset) on the real CIFAR-10 data with 1 and with 2 workers. Each worker count
// runs in a fresh child process, so its peak memory (max RSS: main thread plus every worker
// thread) is its own. Prints wall time, the speed-up, peak memory and what the second worker
// added next to one dataset copy. Asserts nothing.
// With --reps N the worker counts alternate (1, 2, 1, 2, …) and each keeps its fastest time
// and largest peak memory, which evens out load from other processes on a shared machine.
//   tsx bench/engine-sweep.ts [--data DIR] [--workers 1,2] [--steps N] [--reps N] [--full] [--json]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path, { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { detectSimd } from '../src/core/kernels/wasm/simd-kernels.ts';
import { expandSweep } from '../src/shared/sweep/expand.ts';
import { Lab } from '../src/main/engine/lab.ts';
import { resolveDataSource } from '../src/main/data/source.ts';
import { RunStore } from '../src/main/store/run-store.ts';
import { getSweepPreset } from '../src/shared/sweep-presets.ts';

const { values: flags } = parseArgs({
  options: {
    data: { type: 'string' }, workers: { type: 'string', default: '1,2' }, steps: { type: 'string', default: '450' },
    reps: { type: 'string', default: '1' }, full: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, child: { type: 'string' },
  },
});
const dataDir = flags.data ?? process.env.SWEEPLAB_DATA ?? resolve(import.meta.dirname, '../../shared/cifar-10-batches-bin');
if (!existsSync(dataDir)) {
  console.error(`bench: no CIFAR-10 data at ${dataDir}; pass --data DIR or set SWEEPLAB_DATA`);
  process.exit(1);
}

export interface EngineSweepResult {
  workers: number; runs: number; completed: number; seconds: number; maxRssMB: number; datasetMB: number;
  /** The SIMD module the workers ran (they switch relaxed SIMD on process-wide). */
  simd: string | null;
  /** Each run's λ and final accuracies, to hold beside numpy's. */
  results: Array<{ lambda: number; val: number | null; test: number | null }>;
}

/** One sweep on `workers` workers in this process, in a throw-away home. */
async function runChild(workers: number): Promise<EngineSweepResult> {
  const spec = getSweepPreset('lambda-coarse');
  if (!flags.full) spec.base.schedule = { ...spec.base.schedule, stepSize: Number(flags.steps), cycles: 1 };
  const points = expandSweep(spec);
  const home = mkdtempSync(path.join(tmpdir(), 'sweeplab-bench-'));
  const store = RunStore.open(home, 'bench');
  try {
    const sweepId = store.createSweep({ name: spec.name, spec, runs: points });
    const lab = new Lab({ store, data: await resolveDataSource(dataDir), workers });
    // Decode before the clock starts: the sweep's time is training, not reading files.
    const handle = await lab.datasets.get(spec.base.split, spec.base.precision);
    const datasetMB = [handle.train, handle.val, handle.test].reduce((sum, s) => sum + (s.x?.byteLength ?? 0) + s.y.byteLength + (s.raw?.pixels.byteLength ?? 0), 0) / 2 ** 20;
    const start = performance.now();
    lab.start({ sweepId });
    await lab.whenIdle();
    const seconds = (performance.now() - start) / 1000;
    await lab.close();
    const results = store.listRuns({ sweepId, sort: 'lambda' }).map((r) => ({ lambda: r.config.lambda, val: r.final?.val.accuracy ?? null, test: r.final?.test.accuracy ?? null }));
    return { workers, runs: points.length, completed: store.counts(sweepId).completed, seconds, maxRssMB: process.resourceUsage().maxRSS / 1024, datasetMB, simd: detectSimd(), results };
  } finally {
    store.close();
    rmSync(home, { recursive: true, force: true });
  }
}

if (flags.child !== undefined) {
  console.log(JSON.stringify(await runChild(Number(flags.child))));
} else {
  const self = fileURLToPath(import.meta.url);
  const counts = flags.workers.split(',').map(Number);
  const measure = (workers: number): EngineSweepResult => {
    const args = ['--import', 'tsx', self, '--child', String(workers), '--data', dataDir, '--steps', flags.steps, ...(flags.full ? ['--full'] : [])];
    const child = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (child.status !== 0) throw new Error(`bench child with ${workers} worker(s) failed (exit ${child.status})`);
    return JSON.parse(child.stdout.trim().split('\n').pop()!) as EngineSweepResult;
  };
  const best = new Map<number, EngineSweepResult>();
  for (let rep = 0; rep < Number(flags.reps); rep++) {
    for (const workers of counts) {
      const r = measure(workers);
      const previous = best.get(workers);
      best.set(workers, previous ? { ...r, seconds: Math.min(r.seconds, previous.seconds), maxRssMB: Math.max(r.maxRssMB, previous.maxRssMB) } : r);
    }
  }
  const results = counts.map((workers) => best.get(workers)!);
  const base = results.find((r) => r.workers === 1);
  const env = { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, schedule: flags.full ? 'the preset (2 cycles of n_s 2250)' : `1 cycle of n_s ${flags.steps}`, reps: Number(flags.reps) };
  if (flags.json) {
    console.log(JSON.stringify({ env, results }, null, 2));
  } else {
    console.log(`engine sweep: lambda-coarse, 8 runs, ${env.schedule}, 45k/5k float32, best of ${env.reps} — ${env.cpu} × ${env.cores}, Node ${env.node}`);
    for (const r of results) {
      const speedup = base && r !== base ? `  speed-up ×${(base.seconds / r.seconds).toFixed(2)}` : '';
      const extra = base && r !== base ? `  (+${(r.maxRssMB - base.maxRssMB).toFixed(0)} MB over 1 worker; one dataset copy is ${r.datasetMB.toFixed(0)} MB)` : '';
      console.log(`${String(r.workers).padStart(2)} worker(s): ${r.seconds.toFixed(1)} s for ${r.completed}/${r.runs} runs${speedup} | peak RSS ${r.maxRssMB.toFixed(0)} MB${extra}`);
    }
  }
}
