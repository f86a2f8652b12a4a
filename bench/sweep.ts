// The whole job of the speed issue: the coarse λ search of EXPERIMENTS.md (8 λ uniform in
// [1e-5, 0.1], ex3-bn-3layer, 20 epochs each) run by Sweeplab on every core, here through
// the CLI (`sweeplab train --config`, one process per run, `parallel` at a time; each
// process loads the data itself, which the engine's shared dataset will save).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TrainConfig } from '../src/core/config.ts';

export const COARSE_LAMBDAS = Array.from({ length: 8 }, (_, i) => Number((1e-5 + (i * (0.1 - 1e-5)) / 7).toPrecision(4)));

const CLI = fileURLToPath(new URL('../bin/sweeplab.mjs', import.meta.url));

export interface SweepRun { lambda: number; wallSeconds: number; processSeconds: number; val: number; test: number }

export async function sweepThroughCli(base: TrainConfig, dataDir: string, parallel: number): Promise<{ wallSeconds: number; runs: SweepRun[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'sweeplab-bench-'));
  const started = performance.now();
  const runs: SweepRun[] = [];
  const queue = [...COARSE_LAMBDAS];
  const one = (lambda: number) => new Promise<void>((resolve, reject) => {
    const file = join(dir, `lambda-${lambda}.json`);
    writeFileSync(file, JSON.stringify({ ...base, name: `coarse λ ${lambda}`, lambda }));
    const t = performance.now();
    const child = spawn(process.execPath, [CLI, 'train', '--config', file, '--data', dataDir, '--json'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`sweeplab train (λ ${lambda}) exited with ${code}`));
      const r = JSON.parse(out) as { wallSeconds: number; final: { val: { accuracy: number }; test: { accuracy: number } } };
      runs.push({ lambda, wallSeconds: r.wallSeconds, processSeconds: (performance.now() - t) / 1000, val: r.final.val.accuracy, test: r.final.test.accuracy });
      resolve();
    });
  });
  const worker = async () => { for (let l = queue.shift(); l !== undefined; l = queue.shift()) await one(l); };
  try {
    await Promise.all(Array.from({ length: parallel }, worker));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  runs.sort((a, b) => a.lambda - b.lambda);
  return { wallSeconds: (performance.now() - started) / 1000, runs };
}
