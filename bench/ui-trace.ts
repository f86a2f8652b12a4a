// The page's main-thread tasks over a stretch of the UI bench, with the CPU time of each as
// well as its wall time, from a Chromium trace (devtools.timeline categories). The long-task
// figures are wall time, which on 2 cores shared with 16 training threads swings by 2× from one
// sitting to the next; a task's CPU time moves far less with the load, so it shows what a change
// to the app did where the long tasks cannot (bench/README.md, 2026-12-03).
import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { functionName?: string } };
}

export interface TaskTime {
  /** Milliseconds from the first task of the trace. */
  at: number;
  wallMs: number;
  cpuMs: number;
  /** The task's largest kind of work by CPU: a timer, a frame, a message … */
  what: string;
}

export interface MainThreadTimes {
  tasks: number;
  cpuMs: number;
  /** Tasks that took 16 ms of CPU or more: a frame at 60 Hz. */
  overFrame: number;
  /** The tasks with the most CPU, most first. */
  largest: TaskTime[];
}

const TASK = 'ThreadControllerImpl::RunTask';
/** Kinds of work inside a task, named as the trace names them. */
const KINDS = new Set(['TimerFire', 'FireAnimationFrame', 'RunMicrotasks', 'Receive mojo message', 'EventDispatch', 'Commit', 'Layout', 'Paint', 'MajorGC', 'MinorGC']);

/** Starts tracing `page`; the returned function stops, keeps the trace in `file` and sums it. */
export async function startTrace(browser: Browser, page: Page, file: string, keep = 5): Promise<() => Promise<MainThreadTimes>> {
  await browser.startTracing(page, { path: file, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'] });
  return async () => {
    await browser.stopTracing();
    return mainThreadTimes(JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: TraceEvent[] }, keep);
  };
}

/** The busiest renderer main thread of the trace (the page's): its tasks' CPU, and the largest. */
export function mainThreadTimes(trace: { traceEvents: TraceEvent[] }, keep: number): MainThreadTimes {
  const events = trace.traceEvents;
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || e.dur === undefined || !mains.has(key)) continue;
    const list = byThread.get(key);
    if (list) list.push(e);
    else byThread.set(key, [e]);
  }
  // The page's thread is the one with the most tasks (about:blank and spare renderers idle).
  const threads = [...byThread.values()].map((events) => ({ events, tasks: events.filter((e) => e.name === TASK) }));
  const { events: thread, tasks } = threads.sort((a, b) => b.tasks.length - a.tasks.length)[0] ?? { events: [], tasks: [] };
  thread.sort((a, b) => a.ts - b.ts);
  tasks.sort((a, b) => a.ts - b.ts);
  const first = tasks[0]?.ts ?? 0;
  const cpu = (e: TraceEvent) => (e.tdur ?? 0) / 1000;
  const largest = [...tasks].sort((a, b) => cpu(b) - cpu(a)).slice(0, keep).map((task): TaskTime => {
    const end = task.ts + (task.dur ?? 0);
    const inside = thread.filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end && KINDS.has(e.name));
    const top = inside.sort((a, b) => cpu(b) - cpu(a))[0];
    const fn = top?.args?.data?.functionName;
    return { at: (task.ts - first) / 1000, wallMs: (task.dur ?? 0) / 1000, cpuMs: cpu(task), what: top ? `${top.name}${fn ? ` (${fn})` : ''}` : '?' };
  });
  return { tasks: tasks.length, cpuMs: tasks.reduce((sum, t) => sum + cpu(t), 0), overFrame: tasks.filter((t) => cpu(t) >= 16).length, largest };
}
