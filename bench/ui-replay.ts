// The UI's work in a 16-run stream, measured without the stream's load. bench/ui.ts measures
// long tasks (wall time) while 16 training threads share 2 cores with the page, which moves by
// 2× between sittings of one build; this bench takes the noise out so builds can be told apart.
// `--record FILE`: streams 16 runs through `sweeplab serve` to one page (Queue view or the last
// run's charts) and keeps every WebSocket frame between page and lab, with its time. `--replay
// FILE`: plays that stream back to a page of each build with no server and no training —
// Playwright answers the page's WebSocket: each request with what the lab answered to the same
// request at that point of the recording, each pushed event at its recorded time — and traces
// the page's main thread: its CPU over the stream, its largest tasks by CPU and how many took
// 16 ms or more (a frame at 60 Hz), median over `--reps` per build, builds alternating.
// `--load N` replays beside N busy threads at nice 10 in this process's session, as the
// desktop app's window sits beside its training threads: the long tasks then come back, from
// the same work each time. Needs `npm run build` (and the baseline build's copy) first.
//   tsx bench/ui-replay.ts --record /tmp/queue.json [--view queue|run] [--workers 16]
//   tsx bench/ui-replay.ts --replay /tmp/queue.json [--baseline DIR] [--renderer DIR] [--reps 5] [--load 16] [--trace PREFIX] [--profile PREFIX]
import { fork } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Browser, Page } from '@playwright/test';
import { launchBrowser } from './ui-browser.ts';
import { longTasks, openPage } from './ui-page.ts';
import { startServe, STREAM_RUN } from './ui-serve.ts';
import { startProfile } from './ui-profile.ts';
import { startTrace } from './ui-trace.ts';

const repo = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    record: { type: 'string' }, replay: { type: 'string' }, view: { type: 'string', default: 'queue' }, workers: { type: 'string', default: '16' },
    baseline: { type: 'string' }, renderer: { type: 'string' }, reps: { type: 'string', default: '5' }, load: { type: 'string', default: '0' }, trace: { type: 'string' }, profile: { type: 'string' },
  },
});

/** One WebSocket frame, `t` ms from the moment the queue was resumed. */
interface Frame {
  t: number;
  sent: boolean;
  payload: string;
}
interface Recording {
  view: 'queue' | 'run';
  /** Runs streamed (and workers): the Queue is ready when it lists them all. */
  runs: number;
  /** The page's address after the origin: the view, with the token the frames were made for. */
  address: string;
  frames: Frame[];
}

const ms = (v: number) => `${v.toFixed(0)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const readyOf = (page: Page, view: Recording['view'], runs: number) => view === 'run' ? page.getByTestId('chart-accuracy').waitFor() : page.getByTestId('queue-table').locator('tbody tr').nth(runs - 1).waitFor();

async function record(file: string, view: Recording['view'], workers: number): Promise<void> {
  const serve = await startServe(workers);
  const { browser, close } = await launchBrowser('app');
  try {
    const frames: Frame[] = [];
    let t0 = performance.now(); // moved to the resume below: the page's start lands at negative times
    const page = await openPage(browser, path.join(repo, 'out/renderer'));
    page.on('websocket', (ws) => {
      ws.on('framesent', ({ payload }) => frames.push({ t: performance.now(), sent: true, payload: String(payload) }));
      ws.on('framereceived', ({ payload }) => frames.push({ t: performance.now(), sent: false, payload: String(payload) }));
    });
    await page.goto(serve.url);
    await page.getByTestId('queue-table').waitFor();
    await serve.api('pauseQueue', {});
    const { runIds } = (await serve.api('createSweep', { spec: { name: 'recorded stream', base: STREAM_RUN, axes: [{ path: 'seed', values: Array.from({ length: workers }, (_, i) => i + 1) }] } })) as { runIds: number[] };
    const address = `/${new URL(serve.url).search}${view === 'run' ? `#/run/${runIds.at(-1)}` : ''}`;
    if (view === 'run') await page.goto(new URL(address, serve.url).href);
    await readyOf(page, view, workers);
    t0 = performance.now();
    await serve.api('resumeQueue', {});
    await serve.waitForQueueEmpty();
    await page.waitForTimeout(3000); // what the page asks and gets after the last run (the confusion matrix)
    for (const f of frames) f.t -= t0;
    writeFileSync(file, JSON.stringify({ view, runs: workers, address, frames } satisfies Recording));
    console.log(`recorded ${frames.length} frames over ${(frames.at(-1)!.t / 1000).toFixed(1)} s of a ${workers}-run stream to the ${view} view: ${file}`);
  } finally {
    await close();
    await serve.stop();
  }
}

/** For each request (method and params), when the page asked it and what the lab answered. */
function answersOf(frames: Frame[]): Map<string, Array<{ t: number; result: unknown }>> {
  const asked = new Map<number, { key: string; t: number }>();
  const answers = new Map<string, Array<{ t: number; result: unknown }>>();
  for (const f of frames) {
    const frame = JSON.parse(f.payload) as { id?: number; method?: string; params?: unknown; result?: unknown };
    if (f.sent) asked.set(frame.id!, { key: JSON.stringify([frame.method, frame.params]), t: f.t });
    else if (frame.id !== undefined && asked.has(frame.id)) {
      const { key, t } = asked.get(frame.id)!;
      (answers.get(key) ?? answers.set(key, []).get(key)!).push({ t, result: frame.result });
    }
  }
  return answers;
}

/**
 * The recorded answer to a request made `now` ms into the stream: the one the page got when it
 * asked the same nearest that time (the replayed page asks at the recorded moments, give or take
 * scheduling), or, while it loads (`now` null), the last one before the stream began.
 */
function answerAt(list: Array<{ t: number; result: unknown }>, now: number | null): unknown {
  if (now === null) return (list.filter((a) => a.t <= 0).at(-1) ?? list[0]).result;
  return list.reduce((best, a) => (Math.abs(a.t - now) < Math.abs(best.t - now) ? a : best)).result;
}

interface Sample {
  cpuMs: number;
  largest: number[];
  over16: number;
  longCount: number;
  longMax: number;
  unanswered: number;
}

/** Plays the recording to a page of the build in `dir`; the page's main-thread figures. */
async function replay(browser: Browser, rec: Recording, dir: string, traceFile: string, profileFile?: string): Promise<Sample> {
  const answers = answersOf(rec.frames);
  const events = rec.frames.filter((f) => !f.sent && f.t >= 0 && 'events' in (JSON.parse(f.payload) as object));
  const page = await openPage(browser, dir);
  let started = 0; // performance.now() when the events began; before, the page gets the state at the stream's start
  let unanswered = 0;
  let play: (() => void) | undefined;
  const timers: Array<ReturnType<typeof setTimeout>> = [];
  await page.routeWebSocket(/\/ws/, (ws) => {
    ws.onMessage((message) => {
      const { id, method, params } = JSON.parse(String(message)) as { id: number; method: string; params: unknown };
      const list = answers.get(JSON.stringify([method, params]));
      if (!list) unanswered++;
      const result = list ? answerAt(list, started ? performance.now() - started : null) : { ok: false, error: { code: 'io', message: `${method}: not in the recording` } };
      ws.send(JSON.stringify({ id, result }));
    });
    ws.onClose(() => timers.forEach(clearTimeout));
    play = () => {
      started = performance.now();
      for (const f of events) timers.push(setTimeout(() => ws.send(f.payload), f.t));
    };
  });
  await page.goto(`http://127.0.0.1:9${rec.address}`);
  await readyOf(page, rec.view, rec.runs);
  await page.waitForTimeout(500);
  await page.evaluate('window.longTasks.length = 0');
  const stopTrace = await startTrace(browser, page, traceFile);
  const stopProfile = profileFile ? await startProfile(page, dir, profileFile) : null;
  if (!play) throw new Error('the page opened no WebSocket to /ws: nothing to play to');
  play();
  await page.waitForTimeout(rec.frames.at(-1)!.t + 500);
  await stopProfile?.();
  const times = await stopTrace();
  const long = await longTasks(page);
  await page.context().close();
  return { cpuMs: times.cpuMs, largest: times.largest.map((t) => t.cpuMs), over16: times.overFrame, longCount: long.count, longMax: long.max, unanswered };
}

/** N threads spinning at nice 10 in a child process of this session, until it is killed. */
function busyThreads(n: number): () => void {
  const child = fork(fileURLToPath(new URL('./ui-busy.ts', import.meta.url)), [String(n)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  return () => child.kill();
}

if (values.record) await record(values.record, values.view as Recording['view'], Number(values.workers));
else if (values.replay) {
  const rec = JSON.parse(readFileSync(values.replay, 'utf8')) as Recording;
  const current = { name: 'this build', dir: path.resolve(values.renderer ?? path.join(repo, 'out/renderer')) };
  const builds = values.baseline ? [{ name: 'baseline', dir: path.resolve(values.baseline) }, current] : [current];
  const load = Number(values.load);
  const stopLoad = load ? busyThreads(load) : () => {};
  const { browser, close } = await launchBrowser('app');
  try {
    const samples = new Map(builds.map((b) => [b, [] as Sample[]]));
    for (let rep = 0; rep < Number(values.reps); rep++) {
      for (const build of builds) {
        const file = values.trace ? `${values.trace}-${build.name.replace(' ', '-')}-${rep}.json` : path.join(os.tmpdir(), `sweeplab-replay-${process.pid}.json`);
        const s = await replay(browser, rec, build.dir, file, values.profile && rep === 0 ? `${values.profile}-${build.name.replace(' ', '-')}.cpuprofile` : undefined);
        if (!values.trace) rmSync(file, { force: true });
        samples.get(build)!.push(s);
        console.log(`  rep ${rep + 1} [${build.name}]: main thread ${ms(s.cpuMs)} of CPU, largest ${s.largest.map((v) => v.toFixed(1)).join(', ')} ms, ${s.over16} tasks ≥ 16 ms; long tasks ${s.longCount}, longest ${ms(s.longMax)}${s.unanswered ? `; ${s.unanswered} requests not in the recording` : ''}`);
      }
    }
    console.log(`${rec.view} view, ${values.replay} replayed ${values.reps}× per build${load ? ` beside ${load} busy threads at nice 10` : ' with nothing else running'}, medians:`);
    for (const build of builds) {
      const s = samples.get(build)!;
      console.log(`  ${build.name}: main thread ${ms(median(s.map((x) => x.cpuMs)))} of CPU; largest task ${median(s.map((x) => x.largest[0])).toFixed(1)} ms of CPU, 2nd ${median(s.map((x) => x.largest[1])).toFixed(1)}, 3rd ${median(s.map((x) => x.largest[2])).toFixed(1)}; `
        + `${median(s.map((x) => x.over16))} tasks ≥ 16 ms; long tasks ${median(s.map((x) => x.longCount))}, longest ${ms(median(s.map((x) => x.longMax)))} (max ${ms(Math.max(...s.map((x) => x.longMax)))})`);
    }
  } finally {
    await close();
    stopLoad();
  }
} else throw new Error('--record FILE or --replay FILE');
