// UI benchmark in Debian's Chromium against `sweeplab serve` on the committed CIFAR-10 slice:
// (1) N runs (default 16) streaming progress at once on N workers — long tasks (> 50 ms) seen
// by the page while the Queue view follows them, the longest, and how many record events
// reached it; (2) the Compare table with 1,000 runs — time to render it, and to sort it by a
// column. Prints numbers; asserts nothing. Needs `npm run build` first.
//   tsx bench/ui.ts [--workers 16] [--runs 1000]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';

const repo = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { workers: { type: 'string', default: '16' }, runs: { type: 'string', default: '1000' } } });
const workers = Number(values.workers);
const tableRuns = Number(values.runs);

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
      const res = await fetch(new URL(`/api/${name}`, url), { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
      return ((await res.json()) as { value: unknown }).value;
    } catch (err) {
      // A kept-alive connection the busy server closed meanwhile: ask again on a new one.
      if (attempt === 3) throw err;
    }
  }
};
const base = { network: { hidden: [50], batchNorm: true }, lambda: 0.001, schedule: { stepSize: 250, cycles: 2 }, batchSize: 20, recordsPerCycle: 50, split: { kind: 'a2', trainLimit: 100 } };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  // Page-side code as strings: this file is type-checked for Node, without the DOM.
  await page.addInitScript({ content: `window.longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });` });
  await page.goto(url);
  await page.getByTestId('queue-table').waitFor();
  await page.evaluate('window.longTasks.length = 0');

  // (1) N runs streaming at once.
  const started = Date.now();
  await api('createSweep', { spec: { name: 'stream', base, axes: [{ path: 'seed', values: Array.from({ length: workers }, (_, i) => i + 1) }] } });
  for (;;) {
    const runs = (await api('listRuns', {})) as Array<{ status: string }>;
    if (runs.every((r) => r.status !== 'queued' && r.status !== 'running')) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const streamSeconds = (Date.now() - started) / 1000;
  const long = (await page.evaluate('window.longTasks')) as number[];
  console.log(`streaming: ${workers} runs on ${workers} workers (${os.availableParallelism()} cores), ${streamSeconds.toFixed(1)} s`);
  console.log(`  long tasks (> 50 ms) in the page: ${long.length}, longest ${long.length ? Math.max(...long).toFixed(0) : 0} ms, total ${long.reduce((a, b) => a + b, 0).toFixed(0)} ms`);

  // (2) the Compare table with many runs (queued ones count: the queue is paused).
  await api('pauseQueue', {});
  await api('createSweep', { spec: { name: 'table', base, repeats: tableRuns - workers } });
  await page.goto(url);
  await page.getByTestId('queue-table').locator('tbody tr').first().waitFor();
  let t0 = Date.now();
  await page.getByRole('link', { name: 'Compare' }).click();
  await page.getByTestId('compare-table').locator('tbody tr').first().waitFor();
  const renderMs = Date.now() - t0;
  const header = page.getByTestId('compare-table').locator('th', { hasText: 'label' });
  const firstBefore = await page.getByTestId('compare-table').locator('tbody tr').first().innerText();
  t0 = Date.now();
  await header.click();
  await header.click(); // descending: a different first row
  await page.waitForFunction(`document.querySelector('[data-testid="compare-table"] tbody tr')?.innerText !== ${JSON.stringify(firstBefore)}`, undefined, { polling: 'raf' });
  const sortMs = Date.now() - t0;
  console.log(`compare table: ${tableRuns} runs rendered in ${renderMs} ms (navigation click → first row), sorted twice in ${sortMs} ms`);
} finally {
  await browser.close();
  child.kill('SIGINT');
  await new Promise((r) => child.once('exit', r));
  rmSync(home, { recursive: true, force: true });
}
