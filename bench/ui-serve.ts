// `sweeplab serve` for the UI benches: started on the committed CIFAR-10 slice in a throw-away
// home with N workers, its HTTP API for queueing runs, and the small fast run the benches
// stream (5-step epochs, a point recorded every 10 steps: 101 points in ~500 steps).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));

export const STREAM_RUN = { network: { hidden: [50], batchNorm: true }, lambda: 0.001, schedule: { stepSize: 250, cycles: 2 }, batchSize: 20, recordsPerCycle: 50, split: { kind: 'a2', trainLimit: 100 } };

export interface Serve {
  /** The URL serve printed, with its token. */
  url: string;
  api(name: string, body: unknown): Promise<unknown>;
  waitForQueueEmpty(): Promise<void>;
  stop(): Promise<void>;
}

export async function startServe(workers: number): Promise<Serve> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'sweeplab-ui-bench-'));
  const child = spawn(process.execPath, [path.join(repo, 'bin/sweeplab.mjs'), 'serve', '--home', home, '--workers', String(workers), '--data', path.join(repo, 'test/fixtures/cifar-10-batches-bin')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /serving at (\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
  });
  const token = new URL(url).searchParams.get('token')!;
  const api = async (name: string, body: unknown): Promise<unknown> => {
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await fetch(new URL(`/api/${name}`, url), { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
        return ((await res.json()) as { value: unknown }).value;
      } catch (err) {
        // A kept-alive connection the busy server closed meanwhile: ask again on a new one.
        if (attempt === 3) throw err;
      }
    }
  };
  return {
    url,
    api,
    async waitForQueueEmpty() {
      for (;;) {
        const runs = (await api('listRuns', {})) as Array<{ status: string }>;
        if (runs.every((r) => r.status !== 'queued' && r.status !== 'running')) return;
        await new Promise((r) => setTimeout(r, 500));
      }
    },
    async stop() {
      child.kill('SIGINT');
      await new Promise((r) => child.once('exit', r));
      rmSync(home, { recursive: true, force: true });
    },
  };
}
