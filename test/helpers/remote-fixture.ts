// Helpers for the remote-worker tests: `sweeplab worker` processes against a test Redis, sweep
// files on the committed CIFAR slice, and a comparable digest of a home's runs (metrics,
// curves, weights) to hold a remote sweep to the bits of a local one.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { RunStore } from '../../src/main/store/run-store.ts';
import { FIXTURE_DATA_DIR } from './fixture-data.ts';
import { sweepFile } from './sweep-cli.ts';

const BIN = fileURLToPath(new URL('../../bin/sweeplab.mjs', import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  /** The Redis it takes runs from. */
  redisUrl: string;
  log(): string;
  /** Resolves once its stderr holds `text`; rejects after `ms`. */
  saw(text: string | RegExp, ms?: number): Promise<void>;
  /** SIGINT and wait for the exit code. */
  stop(): Promise<number | null>;
  exited: Promise<number | null>;
}

export function startWorker(redisUrl: string, name: string, options: { data?: string; extra?: string[]; env?: Record<string, string> } = {}): WorkerProcess {
  const env = { ...process.env, ...options.env };
  delete env.SWEEPLAB_DATA;
  const child = spawn(process.execPath, [BIN, 'worker', '--redis', redisUrl, '--workers', '1', '--data', options.data ?? FIXTURE_DATA_DIR, '--name', name, ...(options.extra ?? [])],
    { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => { log += chunk; });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { log += chunk; });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    redisUrl,
    log: () => log,
    exited,
    async saw(text, ms = 60_000) {
      const deadline = Date.now() + ms;
      const has = () => (typeof text === 'string' ? log.includes(text) : text.test(log));
      while (!has()) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`worker ${name} did not print ${String(text)}; its output:\n${log}`);
        await sleep(50);
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      return exited;
    },
  };
}

/** A sweep over `lambdas` of a 3072-16-10 BN net on the a2 slice (10 steps an epoch), 4 × stepSize steps a run. */
export function lambdaSweep(name: string, lambdas: readonly number[], stepSize: number): string {
  return sweepFile(stepSize, name, lambdas);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** What must be equal bit for bit between two homes that ran the same sweep. */
export function runDigest(store: RunStore) {
  return store.listRuns().map((run) => ({
    label: run.label, status: run.status, steps: run.step, final: run.final, curves: store.getCurves(run.id),
    params: sha256(store.getWeights(run.id)?.params ?? new Uint8Array()), running: sha256(store.getWeights(run.id)?.running ?? new Uint8Array()),
  }));
}

/** Polls `read` until it returns a value (not undefined), or fails after `ms`. */
export async function waitFor<T>(what: string, read: () => T | undefined, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    let value: T | undefined;
    try {
      value = read();
    } catch {
      value = undefined; // the store is being created or migrated by the other process
    }
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
