// Progress of a queue run on stderr: on a terminal, one bar per running run (step, epoch, η,
// last val accuracy) under an overall bar (runs done/total, ETA from the steps still to go);
// in a file or pipe, one plain line per started/finished run and per recorded point. The
// engine runs in worker threads, so cli-progress's own timer redraws; never stdout.
import { MultiBar } from 'cli-progress';
import type { SingleBar } from 'cli-progress';
import { totalSteps } from '../core/schedule.ts';
import type { EngineEvent } from '../main/engine/events.ts';
import type { RunRecord } from '../main/store/run-store.ts';
import { duration, fixed, percent, scientific } from './format.ts';

export interface SweepProgress {
  onEvent(event: EngineEvent): void;
  /** A line of other news (e.g. a finished gradient check), printed above the bars rather than through them. */
  log(line: string): void;
  stop(): void;
}

interface Tracked {
  label: string;
  total: number;
  step: number;
  bar?: SingleBar;
  val: string;
  /** Running when the display started (a display restarted mid-sweep): its bar is drawn at once. */
  running: boolean;
}

/**
 * `runs` are the runs to do (queued ones); `finishedBefore` those of the scope already ended;
 * `expected` the runs the scope will have in all when it grows as it runs (a search's trials),
 * whose runs are tracked from their start.
 */
export function sweepProgress(runs: readonly RunRecord[], finishedBefore: number, expected?: number): SweepProgress {
  const tracked = new Map<number, Tracked>(runs.map((r) => [r.id, {
    label: `#${r.id} ${r.label}`, total: r.totalSteps ?? totalSteps(r.config.schedule), step: r.step, val: '-', running: r.status === 'running',
  }]));
  const total = Math.max(expected ?? 0, runs.length + finishedBefore);
  let done = finishedBefore;
  const startMs = Date.now();
  const stepsAtStart = [...tracked.values()].reduce((sum, t) => sum + t.step, 0);
  const allSteps = () => [...tracked.values()].reduce((sum, t) => sum + t.total, 0);
  const stepsNow = () => [...tracked.values()].reduce((sum, t) => sum + t.step, 0);
  const eta = () => {
    const progressed = stepsNow() - stepsAtStart;
    const elapsed = (Date.now() - startMs) / 1000;
    return progressed > 0 ? duration((elapsed / progressed) * (allSteps() - stepsNow())) : '?';
  };
  const display = process.stderr.isTTY ? barDisplay(tracked, total, () => done, (n) => { done = n; }, eta)
    : lineDisplay(tracked, total, () => done, (n) => { done = n; }, eta);
  return {
    ...display,
    onEvent(event) {
      // A run added while the scope runs (a search's next trial) is tracked from its start.
      if (event.kind === 'run-started' && !tracked.has(event.runId)) {
        tracked.set(event.runId, { label: `#${event.runId} ${event.label}`, total: event.totalSteps, step: event.fromStep, val: '-', running: false });
      }
      display.onEvent(event);
    },
  };
}

function barDisplay(tracked: Map<number, Tracked>, total: number, getDone: () => number, setDone: (n: number) => void, eta: () => string): SweepProgress {
  const multi = new MultiBar({
    stream: process.stderr, barsize: 16, hideCursor: false, linewrap: false, clearOnComplete: false, fps: 5,
    format: '{label} [{bar}] {value}/{total} steps | epoch {epoch} | η {lr} | val {val}',
  });
  const overall = multi.create(total, getDone(), { left: eta() }, { format: `sweep [{bar}] {value}/{total} runs | ETA {left}` }); // not {eta}: cli-progress's own
  const labelWidth = Math.min(28, Math.max(8, ...[...tracked.values()].map((t) => t.label.length)));
  const pad = (label: string) => (label.length > labelWidth ? `${label.slice(0, labelWidth - 1)}…` : label.padEnd(labelWidth));
  // Runs already going (replicate restarts the display when a stage queues more) get their bar
  // now: their run-started event has passed.
  for (const t of tracked.values()) {
    if (t.running) t.bar = multi.create(t.total, t.step, { label: pad(t.label), epoch: '-', lr: '-', val: t.val });
  }
  return {
    onEvent(event) {
      switch (event.kind) {
        case 'run-started': {
          const t = tracked.get(event.runId);
          if (!t) return;
          t.total = event.totalSteps;
          t.step = event.fromStep;
          if (t.bar) multi.remove(t.bar);
          t.bar = multi.create(t.total, t.step, { label: pad(event.worker ? `${t.label} ${event.worker}` : t.label), epoch: fixed(event.fromStep / event.stepsPerEpoch, 1), lr: '-', val: t.val });
          break;
        }
        case 'heartbeat': {
          const t = tracked.get(event.runId);
          if (!t?.bar) return;
          t.step = event.progress.step;
          t.bar.update(t.step, { epoch: fixed(event.progress.epoch, 1), lr: scientific(event.progress.eta) });
          break;
        }
        case 'record': {
          const t = tracked.get(event.runId);
          if (!t?.bar) return;
          t.val = percent(event.point.val.accuracy);
          t.bar.update(event.point.step, { val: t.val });
          break;
        }
        case 'run-finished': {
          const t = tracked.get(event.runId);
          if (t?.bar) multi.remove(t.bar);
          if (t) t.bar = undefined;
          if (event.status !== 'queued') {
            if (t) t.step = t.total;
            setDone(getDone() + 1);
          }
          break;
        }
        default:
          return;
      }
      overall.update(getDone(), { left: eta() });
    },
    log: (line) => multi.log(`${line}\n`),
    stop: () => multi.stop(),
  };
}

function lineDisplay(tracked: Map<number, Tracked>, total: number, getDone: () => number, setDone: (n: number) => void, eta: () => string): SweepProgress {
  const say = (line: string) => process.stderr.write(`${line}\n`);
  return {
    onEvent(event) {
      const t = tracked.get('runId' in event ? event.runId : -1);
      switch (event.kind) {
        case 'run-started':
          if (!t) return;
          t.total = event.totalSteps;
          t.step = event.fromStep;
          say(`${t.label}: started${event.fromStep > 0 ? ` (resumed from step ${event.fromStep})` : ''}, ${event.totalSteps} steps${event.worker ? ` on ${event.worker}` : ''}`);
          return;
        case 'heartbeat':
          if (t) t.step = event.progress.step;
          return;
        case 'record':
          if (!t) return;
          t.step = event.point.step;
          say(`${t.label}: step ${event.point.step}/${t.total} | epoch ${fixed(event.point.epoch, 1)} | train ${percent(event.point.train.accuracy)} | val ${percent(event.point.val.accuracy)}`);
          return;
        case 'run-finished': {
          if (!t) return;
          if (event.status === 'queued') {
            say(`${t.label}: stopped at step ${t.step}, back in the queue`);
            return;
          }
          t.step = t.total;
          setDone(getDone() + 1);
          const why = event.error ? `: ${event.error.message}` : '';
          say(`${t.label}: ${event.status}${why} (${getDone()}/${total} runs done, ETA ${eta()})`);
          return;
        }
        default:
          return;
      }
    },
    log: say,
    stop() {},
  };
}
