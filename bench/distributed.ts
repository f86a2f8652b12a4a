// Distributed sweep benchmark (`npm run bench -- --distributed`): the same λ sweep on one
// local worker thread, then through a throw-away Redis on two `sweeplab worker` processes with
// a coordinator that trains nothing, and prints the speed-up, the overhead per run and what
// crossed Redis per run; then Redis's memory, sampled all along a 100-run sweep. Every process
// is the real CLI. A benchmark, not a test: it asserts nothing.
//   tsx bench/distributed.ts [--data DIR] [--runs 16] [--steps N] [--memory-runs 100] [--tiny]
// --tiny: the committed test slice and 40-step runs, to check the bench itself in seconds.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path, { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { RunStore } from '../src/main/store/run-store.ts';
import { startRedis } from '../test/helpers/redis-server.ts';

const { values: flags } = parseArgs({
  options: {
    data: { type: 'string' }, runs: { type: 'string', default: '16' }, steps: { type: 'string' },
    'memory-runs': { type: 'string', default: '100' }, tiny: { type: 'boolean', default: false },
  },
});
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const BIN = here('../bin/sweeplab.mjs');
const dataDir = flags.data ?? (flags.tiny ? here('../test/fixtures/cifar-10-batches-bin') : process.env.SWEEPLAB_DATA ?? resolve(import.meta.dirname, '../../shared/cifar-10-batches-bin'));
if (!existsSync(dataDir)) {
  console.error(`bench: no CIFAR-10 data at ${dataDir}; pass --data DIR, set SWEEPLAB_DATA, or --tiny for the test slice`);
  process.exit(1);
}
const runs = Number(flags.runs);
const stepSize = Number(flags.steps ?? (flags.tiny ? 20 : 225));
const scratch = mkdtempSync(path.join(tmpdir(), 'sweeplab-bench-distributed-'));

/** A sweep of `count` λ values of the study's 3-layer BN net (on the a2 split), 2 × stepSize steps a run. */
function sweepFile(name: string, count: number): string {
  const lambdas = Array.from({ length: count }, (_, i) => (1e-5 * 10 ** ((4 * i) / Math.max(1, count - 1))).toPrecision(3));
  const file = path.join(scratch, `${name}.yaml`);
  writeFileSync(file, [
    `name: ${name}`, 'base:', `  network: { hidden: [${flags.tiny ? 16 : '50, 50'}], batchNorm: true }`, '  lambda: 0',
    `  schedule: { stepSize: ${stepSize}, cycles: 1 }`, `  batchSize: ${flags.tiny ? 10 : 100}`, '  split: a2',
    'axes:', '  - path: lambda', `    values: [${lambdas.join(', ')}]`, '',
  ].join('\n'));
  return file;
}

interface Child { done: Promise<number | null>; stop(): void }

function sweeplab(args: string[]): Child {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { log = (log + chunk).slice(-4000); });
  const done = new Promise<number | null>((resolve) => child.on('close', (code) => {
    if (code !== 0 && code !== null) console.error(`bench: sweeplab ${args[0]} exited with ${code}:\n${log}`);
    resolve(code);
  }));
  return { done, stop: () => child.kill('SIGINT') };
}

async function timed(args: string[]): Promise<number> {
  const start = performance.now();
  await sweeplab(args).done;
  return (performance.now() - start) / 1000;
}

function storeFigures(home: string) {
  const store = RunStore.open(home, 'bench', { readonly: true });
  try {
    const all = store.listRuns();
    const weights = all.map((r) => store.getWeights(r.id)).reduce((sum, w) => sum + (w ? w.params.length + w.running.length : 0), 0);
    return { completed: all.filter((r) => r.status === 'completed').length, weightBytesPerRun: weights / all.length };
  } finally {
    store.close();
  }
}

const redis = await startRedis();
const client = new Redis(redis.url);
const info = async (section: string, key: string) => Number(new RegExp(`${key}:(\\d+)`).exec(await client.info(section))?.[1] ?? NaN);
try {
  console.log(`Distributed sweep bench — ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores, load average ${loadavg()[0].toFixed(2)} (timings are noisy above ~1); data: ${dataDir}`);
  const data = ['--data', dataDir];
  const file = sweepFile('distributed', runs);
  const localSeconds = await timed(['sweep', file, '--workers', '1', '--home', path.join(scratch, 'local'), ...data]);
  console.log(`  ${runs} runs of ${2 * stepSize} steps, one local worker thread:        ${localSeconds.toFixed(1)} s`);

  const workers = [1, 2].map((i) => sweeplab(['worker', '--redis', redis.url, '--workers', '1', '--name', `bench${i}`, ...data]));
  await new Promise((resolve) => setTimeout(resolve, 3000)); // both hash their data and connect before the clock starts
  const bytesBefore = await info('stats', 'total_net_input_bytes');
  const remoteHome = path.join(scratch, 'remote');
  const remoteSeconds = await timed(['sweep', file, '--workers', '0', '--redis', redis.url, '--home', remoteHome, ...data]);
  const bytesIn = (await info('stats', 'total_net_input_bytes')) - bytesBefore;
  const figures = storeFigures(remoteHome);
  console.log(`  the same through Redis, two worker processes of one thread: ${remoteSeconds.toFixed(1)} s (${figures.completed}/${runs} completed)`);
  console.log(`  speed-up: ${(localSeconds / remoteSeconds).toFixed(2)}×`);
  // Two processes each busy remoteSeconds cover the runs' training plus whatever Redis added.
  const overhead = (2 * remoteSeconds - localSeconds) / runs;
  console.log(`  overhead per run: ${overhead.toFixed(2)} s (${((100 * overhead) / (localSeconds / runs)).toFixed(1)}% of a run's ${(localSeconds / runs).toFixed(2)} s): publishing, results, checkpoints, process start-up`);
  console.log(`  into Redis per run: ${(bytesIn / runs / 1024).toFixed(0)} KiB (weights ${(figures.weightBytesPerRun / 1024).toFixed(0)} KiB, base64 adds a third; points, heartbeats, checkpoints)`);

  const memoryRuns = Number(flags['memory-runs']);
  const memoryFile = sweepFile('memory', memoryRuns);
  let peak = 0;
  const sampler = setInterval(() => void info('memory', 'used_memory').then((bytes) => { peak = Math.max(peak, bytes); }), 100);
  const baseline = await info('memory', 'used_memory');
  const memorySeconds = await timed(['sweep', memoryFile, '--workers', '0', '--redis', redis.url, '--home', path.join(scratch, 'memory'), ...data]);
  clearInterval(sampler);
  const after = await info('memory', 'used_memory');
  const keys = await client.dbsize();
  console.log(`  Redis memory over a ${memoryRuns}-run sweep (${memorySeconds.toFixed(0)} s): ${(baseline / 2 ** 20).toFixed(1)} MiB before, peak ${(peak / 2 ** 20).toFixed(1)} MiB, ${(after / 2 ** 20).toFixed(1)} MiB after; ${keys} keys left`);
  for (const worker of workers) worker.stop();
  await Promise.all(workers.map((w) => w.done));
} finally {
  client.disconnect();
  await redis.stop();
  rmSync(scratch, { recursive: true, force: true });
}
