// What `sweeplab worker` shows on stderr: a line when a run starts and when it ends (with its
// outcome), refusals and Redis trouble; on a terminal also one bar per running run. Never
// stdout. The worker itself: src/main/remote/remote-worker.ts.
import { MultiBar } from 'cli-progress';
import type { SingleBar } from 'cli-progress';
import type { RemoteWorkerEvent } from '../main/remote/remote-worker.ts';

export interface WorkerProgress {
  onEvent(event: RemoteWorkerEvent): void;
  log(line: string): void;
  stop(): void;
}

export function workerProgress(tty: boolean = process.stderr.isTTY === true): WorkerProgress {
  const multi = tty ? new MultiBar({
    stream: process.stderr, barsize: 16, hideCursor: false, linewrap: false, clearOnComplete: false, fps: 5,
    format: '{label} [{bar}] {value}/{total} steps',
  }) : undefined;
  const bars = new Map<number, SingleBar>();
  const log = (line: string) => {
    if (multi) multi.log(`${line}\n`);
    else process.stderr.write(`${line}\n`);
  };
  return {
    log,
    onEvent(event) {
      switch (event.kind) {
        case 'run-started':
          log(`run #${event.runId} ${event.label}: started at step ${event.fromStep} of ${event.totalSteps}`);
          if (multi) bars.set(event.runId, multi.create(event.totalSteps, event.fromStep, { label: `#${event.runId} ${event.label}`.slice(0, 28) }));
          return;
        case 'heartbeat':
          bars.get(event.runId)?.update(event.step);
          return;
        case 'run-ended': {
          const bar = bars.get(event.runId);
          if (bar) multi!.remove(bar);
          bars.delete(event.runId);
          log(`run #${event.runId} ${event.label}: ${event.outcome}`);
          return;
        }
        case 'refused':
          log(`run #${event.runId} ${event.label}: refused — ${event.reason}`);
          return;
        case 'problem':
          log(`sweeplab worker: ${event.message}`);
      }
    },
    stop: () => multi?.stop(),
  };
}
