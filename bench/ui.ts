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
// runs one of the two parts; `--views run` streams to the Run view only, `--views floor` to a
// page with none of the app that times fixed pieces of work (how far the stream stretches a
// task of 10, 20, 40 ms of CPU); `--session app|own` starts Chromium one way only. For the
// app's work without the stream's noise, see bench/ui-replay.ts.
//   tsx bench/ui.ts [--workers 16] [--runs 1000] [--reps 3] [--baseline DIR] [--renderer DIR] [--profile PREFIX] [--trace PREFIX]
//                   [--only streaming|table] [--views queue,run,floor] [--session app,own]
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Browser, Page } from '@playwright/test';
import { launchBrowser } from './ui-browser.ts';
import { longTasks, OBSERVE_LONG_TASKS, openPage } from './ui-page.ts';
import { startServe, STREAM_RUN } from './ui-serve.ts';
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
const views = values.views.split(',') as Array<'queue' | 'run' | 'floor'>;
const unknownViews = views.filter((v) => v !== 'queue' && v !== 'run' && v !== 'floor');
if (unknownViews.length) throw new Error(`--views: ${unknownViews.join(', ')}? (queue, run, floor)`);
const sessions = values.session.split(',') as Session[];
const unknownSessions = sessions.filter((v) => v !== 'app' && v !== 'own');
if (unknownSessions.length) throw new Error(`--session: ${unknownSessions.join(', ')}? (app, own)`);
const current = { name: 'this build', dir: path.resolve(values.renderer ?? path.join(repo, 'out/renderer')) };
const builds = values.baseline ? [{ name: 'baseline', dir: path.resolve(values.baseline) }, current] : [current];
type Build = (typeof builds)[number];

const { url, api, waitForQueueEmpty, stop } = await startServe(workers);
const load = () => os.loadavg().map((v) => v.toFixed(2)).join(' ');
const ms = (v: number) => `${v.toFixed(0)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// The floor: a page with none of the app. It redraws a counter every frame (layout, paint and
// commit, as the app's pages do) and every 200 ms does a fixed amount of work, in turn one, two
// and four times what took 10 ms in this page before the runs started: how far the machine
// stretches a task of 10, 20 and 40 ms of CPU, whatever page runs it.
const FLOOR_PAGE = `<p id="n">0</p><script>${OBSERVE_LONG_TASKS}
  const n = document.getElementById('n'); const tick = () => { n.textContent = String(Number(n.textContent) + 1); requestAnimationFrame(tick); }; requestAnimationFrame(tick);
  const spin = (k) => { let x = 0; for (let i = 0; i < k; i++) x += Math.sqrt(i + x % 7); return x; };
  const timed = (k) => { const t0 = performance.now(); spin(k); return performance.now() - t0; };
  for (const end = performance.now() + 300; performance.now() < end; ) spin(1e5); // optimised before it is timed
  const perMs = 1e6 / [0, 1, 2, 3, 4].map(() => timed(1e6)).sort((a, b) => a - b)[2];
  window.stretch = { 10: [], 20: [], 40: [] }; let turn = 0;
  setInterval(() => { const size = [10, 20, 40][turn++ % 3]; const t = performance.now(); spin(perMs * size); window.stretch[size].push(performance.now() - t); }, 200);</script>`;

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
  const page = await openPage(browser, build.dir);
  if (view === 'floor') await page.setContent(FLOOR_PAGE);
  else {
    await page.goto(url);
    await page.getByTestId('queue-table').waitFor();
  }
  // Paused while the page loads, so that the measurement starts with the runs and without the page load.
  await api('pauseQueue', {});
  const created = (await api('createSweep', { spec: { name: `stream ${build.name} ${view}`, base: STREAM_RUN, axes: [{ path: 'seed', values: Array.from({ length: workers }, (_, i) => i + 1) }] } })) as { runIds: number[] };
  const watched = created.runIds.at(-1)!;
  const chart = page.getByTestId('chart-accuracy');
  if (view === 'run') {
    await page.goto(`${url}#/run/${watched}`);
    await chart.waitFor();
    await chart.evaluate(`(() => { const el = document.querySelector('[data-testid="chart-accuracy"]'); window.chartUpdates = [];
      new MutationObserver(() => window.chartUpdates.push([performance.now(), Number(el.getAttribute('data-points'))])).observe(el, { attributes: true, attributeFilter: ['data-points'] }); })()`);
  } else if (view === 'queue') {
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
  } else if (view === 'floor') {
    const stretch = (await page.evaluate('window.stretch')) as Record<string, number[]>;
    const sizes = Object.entries(stretch).map(([size, walls]) => `${size} ms of work: median ${ms(median(walls))}, longest ${ms(Math.max(...walls))} (${walls.length})`);
    console.log(`  Floor page: ${long.count} long tasks (> 50 ms), longest ${ms(long.max)}; ${sizes.join('; ')}`);
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
  const page = await openPage(browser, build.dir);
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
  await api('createSweep', { spec: { name: 'table', base: STREAM_RUN, repeats: tableRuns - streamedRuns } });
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
  await stop();
}
