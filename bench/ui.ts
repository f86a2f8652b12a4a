// UI benchmark in Debian's Chromium against `sweeplab serve` on the committed CIFAR-10 slice:
// (1) N runs (default 16) streaming progress at once on N workers, watched by one page (one app
// window) on the Queue view, then N more watched on one run's charts: long tasks (> 50 ms), and
// whether the chart kept up (updates, longest gap, final points against the store) — once with
// Chromium in the serve process's session, as the desktop app's window shares a session with
// its training threads, and once in a session of its own, as Playwright starts it (the CPU
// scheduling differs: bench/ui-browser.ts). One page at a time: two would compete for their
// session's share as one window never does. (2) The Compare table with 1,000 runs: time from
// the click on Compare to the frame showing its first row, and from a click on a column header
// to the frame showing the re-sorted rows (timed in the page). Prints numbers; asserts nothing.
// Needs `npm run build` first. `--baseline DIR` measures a second build (e.g. a copy of
// out/renderer from before a change) in the same run, alternating with this one, so a
// before/after ratio shares the machine's load; `--renderer DIR` measures another build than
// out/renderer; `--profile PREFIX` saves CPU profiles of the pages while they stream
// (PREFIX-SESSION-VIEW.cpuprofile) and prints their hot spots, named through the source map of
// a build made with `electron-vite build --sourcemap --outDir DIR`; `--trace PREFIX` traces
// them (PREFIX-BUILD-SESSION-VIEW.json, every build) and prints the main thread's CPU time and its largest tasks by
// CPU, which moves far less with the load than the long tasks' wall time. `--only streaming|table`
// runs one of the two parts; `--views run` streams to the Run view only; `--session app|own`
// starts Chromium one way only.
//   tsx bench/ui.ts [--workers 16] [--runs 1000] [--reps 3] [--baseline DIR] [--renderer DIR] [--profile PREFIX] [--trace PREFIX]
//                   [--only streaming|table] [--views queue,run] [--session app,own]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Browser, Page } from '@playwright/test';
import { launchBrowser } from './ui-browser.ts';
import type { Session } from './ui-browser.ts';
import { startProfile } from './ui-profile.ts';
import type { HotSpot } from './ui-profile.ts';
import { startTrace } from './ui-trace.ts';
import type { MainThreadTimes } from './ui-trace.ts';

const repo = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: '16' }, runs: { type: 'string', default: '1000' }, reps: { type: 'string', default: '3' },
    baseline: { type: 'string' }, renderer: { type: 'string' }, profile: { type: 'string' }, trace: { type: 'string' }, only: { type: 'string' }, views: { type: 'string', default: 'queue,run' },
    session: { type: 'string', default: 'app,own' },
  },
});
const workers = Number(values.workers);
const tableRuns = Number(values.runs);
const reps = Number(values.reps);
const views = values.views.split(',') as Array<'queue' | 'run'>;
const unknownViews = views.filter((v) => v !== 'queue' && v !== 'run');
if (unknownViews.length) throw new Error(`--views: ${unknownViews.join(', ')}? (queue, run)`);
const sessions = values.session.split(',') as Session[];
const unknownSessions = sessions.filter((v) => v !== 'app' && v !== 'own');
if (unknownSessions.length) throw new Error(`--session: ${unknownSessions.join(', ')}? (app, own)`);
const current = { name: 'this build', dir: path.resolve(values.renderer ?? path.join(repo, 'out/renderer')) };
const builds = values.baseline ? [{ name: 'baseline', dir: path.resolve(values.baseline) }, current] : [current];
type Build = (typeof builds)[number];

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
const load = () => os.loadavg().map((v) => v.toFixed(2)).join(' ');
const ms = (v: number) => `${v.toFixed(0)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };
// Page-side code as strings: this file is type-checked for Node, without the DOM.
const OBSERVE_LONG_TASKS = `window.longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });`;

/** A page in its own browser context (own renderer process) whose app files come from `build`. */
async function openPage(browser: Browser, build: Build): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.route((u) => u.pathname === '/' || u.pathname.startsWith('/assets/'), (route) => {
    const { pathname } = new URL(route.request().url());
    const file = path.join(build.dir, pathname === '/' ? 'index.html' : pathname);
    return route.fulfill({ body: readFileSync(file), contentType: TYPES[path.extname(file)] ?? 'application/octet-stream' });
  });
  const page = await context.newPage();
  await page.addInitScript({ content: OBSERVE_LONG_TASKS });
  return page;
}

const longTasks = async (page: Page) => {
  const long = (await page.evaluate('window.longTasks')) as number[];
  return { count: long.length, max: long.length ? Math.max(...long) : 0, total: long.reduce((a, b) => a + b, 0) };
};

async function waitForQueueEmpty(): Promise<void> {
  for (;;) {
    const runs = (await api('listRuns', {})) as Array<{ status: string }>;
    if (runs.every((r) => r.status !== 'queued' && r.status !== 'running')) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

type View = (typeof views)[number];

function printHotSpots(what: string, file: string, hot: HotSpot[]): void {
  console.log(`  ${what} hot spots (self time; ${file}):`);
  for (const spot of hot.slice(0, 12)) console.log(`    ${spot.selfMs.toFixed(0).padStart(6)} ms  ${spot.name}  ${spot.where}`);
}

function printMainThread(file: string, times: MainThreadTimes): void {
  console.log(`  main thread (${file}): ${times.tasks} tasks, ${ms(times.cpuMs)} of CPU; largest by CPU:`);
  for (const t of times.largest) console.log(`    ${t.cpuMs.toFixed(1).padStart(5)} ms of CPU in ${ms(t.wallMs).padStart(6)} at ${(t.at / 1000).toFixed(2)} s  ${t.what}`);
}

/**
 * (1) N runs streaming, watched by one page — one app window — on the Queue view or on the
 * charts of one of the runs: its long tasks, and for the charts whether they kept up.
 */
async function streaming(browser: Browser, build: Build, view: View, session: Session, profile?: string): Promise<void> {
  const page = await openPage(browser, build);
  await page.goto(url);
  await page.getByTestId('queue-table').waitFor();
  // Paused while the page loads, so that the measurement starts with the runs and without the page load.
  await api('pauseQueue', {});
  const created = (await api('createSweep', { spec: { name: `stream ${build.name} ${view}`, base, axes: [{ path: 'seed', values: Array.from({ length: workers }, (_, i) => i + 1) }] } })) as { runIds: number[] };
  const watched = created.runIds.at(-1)!;
  const chart = page.getByTestId('chart-accuracy');
  if (view === 'run') {
    await page.goto(`${url}#/run/${watched}`);
    await chart.waitFor();
    await chart.evaluate(`(() => { const el = document.querySelector('[data-testid="chart-accuracy"]'); window.chartUpdates = [];
      new MutationObserver(() => window.chartUpdates.push([performance.now(), Number(el.getAttribute('data-points'))])).observe(el, { attributes: true, attributeFilter: ['data-points'] }); })()`);
  } else {
    await page.getByTestId('queue-table').locator('tbody tr').nth(workers - 1).waitFor();
  }
  await page.evaluate('window.longTasks.length = 0');
  const stopProfile = profile ? await startProfile(page, build.dir, `${profile}-${session}-${view}.cpuprofile`) : null;
  const traceFile = values.trace ? `${values.trace}-${build.name.replace(' ', '-')}-${session}-${view}.json` : null;
  const stopTrace = traceFile ? await startTrace(browser, page, traceFile) : null;
  await api('resumeQueue', {});
  const started = Date.now();
  const loadBefore = load();
  await waitForQueueEmpty();
  const seconds = (Date.now() - started) / 1000;
  const hot = await stopProfile?.();
  const times = await stopTrace?.();
  const long = await longTasks(page);
  console.log(`streaming [${build.name}, browser in ${session === 'app' ? 'the app\'s session' : 'a session of its own'}]: ${workers} runs on ${workers} workers (${os.availableParallelism()} cores), ${seconds.toFixed(1)} s, load ${loadBefore} → ${load()}`);
  if (view === 'queue') {
    console.log(`  Queue view: ${long.count} long tasks (> 50 ms), longest ${ms(long.max)}, total ${ms(long.total)}`);
  } else {
    const updates = (await page.evaluate('window.chartUpdates')) as Array<[number, number]>;
    const stored = ((await api('getRun', { id: watched })) as { curves: unknown[] }).curves.length;
    await page.waitForTimeout(500);
    const shown = Number(await chart.getAttribute('data-points'));
    const gaps = updates.slice(1).map(([t], i) => t - updates[i][0]);
    // How long the watched run's points took to arrive: with 16 runs on 2 cores a run may sit at its
    // first point and then record the rest in a burst, which a throttled chart draws in a few updates.
    const span = updates.length > 1 ? (updates.at(-1)![0] - updates[0][0]) / 1000 : 0;
    console.log(`  Run view of run #${watched}: ${long.count} long tasks, longest ${ms(long.max)}, total ${ms(long.total)}; chart updated ${updates.length} times over ${span.toFixed(1)} s, longest gap ${ms(gaps.length ? Math.max(...gaps) : 0)}, shows ${shown} of ${stored} stored points`);
  }
  if (hot) printHotSpots(`${view} view`, `${profile}-${session}-${view}.cpuprofile`, hot);
  if (times && traceFile) printMainThread(traceFile, times);
  await page.context().close();
}

/**
 * Milliseconds from `act` (page code that clicks) until the first row of the Compare table
 * differs from `before` and the browser starts its next animation frame: timed inside the
 * page, so the figure is the app's work and not Playwright's round trips to the browser.
 * The virtual list draws its rows from a resize observer, inside a frame that already shows
 * them; the figure then runs one frame longer, and includes any task queued before that frame
 * (so the λ chart's mount counted until it waited a frame more). Work the app defers past that
 * frame is not in it.
 */
const timeUntilRow = (page: Page, act: string, before: string) => page.evaluate(`new Promise((resolve) => {
  const firstRow = () => document.querySelector('[data-testid="compare-table"] tbody tr')?.innerText ?? '';
  const t0 = performance.now();
  const observer = new MutationObserver(() => {
    if (firstRow() === ${JSON.stringify(before)}) return;
    observer.disconnect();
    requestAnimationFrame(() => resolve(performance.now() - t0));
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  ${act};
})`) as Promise<number>;

const clickHeader = (title: string) => `[...document.querySelectorAll('[data-testid="compare-table"] th')].find((th) => th.innerText.trim() === ${JSON.stringify(title)}).click()`;

/** (2) The Compare table with many runs: click on Compare → first row shown, then a sort each way. */
async function table(browser: Browser, build: Build, profile?: string): Promise<{ render: number; sort: number }> {
  const page = await openPage(browser, build);
  await page.goto(url);
  await page.getByTestId('queue-table').locator('tbody tr').first().waitFor();
  await page.waitForTimeout(500);
  const stopProfile = profile ? await startProfile(page, build.dir, `${profile}-table.cpuprofile`) : null;
  const render = await timeUntilRow(page, `document.querySelector('a[href="#/compare"]').click()`, '');
  await page.waitForTimeout(500);
  const up = await timeUntilRow(page, clickHeader('label'), await page.getByTestId('compare-table').locator('tbody tr').first().innerText());
  await page.waitForTimeout(300);
  const down = await timeUntilRow(page, clickHeader('label'), await page.getByTestId('compare-table').locator('tbody tr').first().innerText());
  const hot = await stopProfile?.();
  if (hot) printHotSpots('Compare table', `${profile}-table.cpuprofile`, hot);
  await page.context().close();
  return { render, sort: Math.max(up, down) };
}

/** (2) for every build, `reps` times each, alternating; then the medians. */
async function tables(browser: Browser, streamedRuns: number): Promise<void> {
  // The queue is paused, so the table's runs stay queued: queued runs are rows like any other.
  await api('pauseQueue', {});
  await api('createSweep', { spec: { name: 'table', base, repeats: tableRuns - streamedRuns } });
  const times = new Map(builds.map((b) => [b, [] as Array<{ render: number; sort: number }>]));
  for (let rep = 0; rep < reps; rep++) for (const build of builds) times.get(build)!.push(await table(browser, build, rep === 0 && build === current ? values.profile : undefined));
  for (const build of builds) {
    const t = times.get(build)!;
    const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
    console.log(`compare table [${build.name}]: ${tableRuns} runs, median of ${reps}: ${ms(median(t.map((x) => x.render)))} from the click on Compare to the frame with the first row `
      + `(${list(t.map((x) => x.render))}); slower of the two sorts ${ms(median(t.map((x) => x.sort)))} (${list(t.map((x) => x.sort))})`);
  }
}

try {
  console.log(`load average at start: ${load()}`);
  const streamed = values.only !== 'table';
  for (const [i, session] of sessions.entries()) {
    const { browser, close } = await launchBrowser(session);
    try {
      if (streamed) for (const view of views) for (const build of builds) await streaming(browser, build, view, session, build === current ? values.profile : undefined);
      // No training runs meanwhile: the session makes no difference to the table, measured once.
      if (i === sessions.length - 1 && values.only !== 'streaming') await tables(browser, streamed ? workers * builds.length * views.length * sessions.length : 0);
    } finally {
      await close();
    }
  }
  console.log(`load average at end: ${load()}`);
} finally {
  child.kill('SIGINT');
  await new Promise((r) => child.once('exit', r));
  rmSync(home, { recursive: true, force: true });
}
