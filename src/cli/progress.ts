// Progress bars on stderr for the CLI's long synchronous computations (training, numerical
// gradients). The core calls back on every step; these helpers throttle redraws themselves
// and rely on cli-progress redrawing synchronously inside `update`, because its timer cannot
// fire while the core holds the thread. Bars are drawn only when stderr is a terminal; when it
// is a file or a pipe, training logs one plain line per recorded point instead. Never stdout.
import { SingleBar } from 'cli-progress';
import type { RecordPoint, StepProgress } from '../core/metrics.ts';
import { duration, fixed, percent, scientific } from './format.ts';

/** Time between redraws. cli-progress redraws synchronously once 2/fps has passed, so fps = 2000/REDRAW_MS. */
const REDRAW_MS = 100;

function createBar(format: string): SingleBar {
  return new SingleBar({ format, stream: process.stderr, fps: 2000 / REDRAW_MS, barsize: 16, hideCursor: false, linewrap: false });
}

/** Remaining time from the average pace since `startMs`; "?" until there is a pace to go by. */
function remaining(startMs: number, done: number, total: number): string {
  const elapsed = (Date.now() - startMs) / 1000;
  return done > 0 && elapsed > 0 ? duration((elapsed / done) * (total - done)) : '?';
}

export interface CountProgress {
  update(done: number, total: number): void;
  stop(): void;
}

/** A bar over a count of items ("parameters"), for the gradient check's onProgress hook. */
export function countProgress(label: string, unit: string): CountProgress {
  const bar = createBar(`${label} [{bar}] {percentage}% | {value}/{total} ${unit} | ETA {remaining}`);
  const startMs = Date.now();
  let started = false, lastDraw = 0;
  return {
    update(done, total) {
      const now = Date.now();
      if (!started) {
        bar.start(total, done, { remaining: '?' });
        started = true;
      } else if (now - lastDraw >= REDRAW_MS || done === total) {
        bar.update(done, { remaining: remaining(startMs, done, total) });
        lastDraw = now;
      }
    },
    stop: () => bar.stop(),
  };
}

export interface TrainingProgress {
  onStep(progress: StepProgress): void;
  onRecord(point: RecordPoint): void;
  stop(): void;
}

/** Epoch, step/total, learning rate, last mini-batch cost, last validation accuracy and ETA. */
export function trainingProgress(totalSteps: number, totalEpochs: number): TrainingProgress {
  if (!process.stderr.isTTY) return trainingLog(totalSteps, totalEpochs);
  const bar = createBar(`[{bar}] {value}/{total} steps | epoch {epoch}/${fixed(totalEpochs, 1)} | η {lr} | batch cost {cost} | val {val} | ETA {remaining}`);
  const payload = { epoch: fixed(0, 1), lr: '-', cost: '-', val: '-', remaining: '?' };
  const startMs = Date.now();
  let firstStep = -1, lastDraw = 0;
  bar.start(totalSteps, 0, payload);
  return {
    onStep({ step, epoch, eta, batchCost }) {
      if (firstStep < 0) firstStep = step - 1;
      const now = Date.now();
      if (now - lastDraw < REDRAW_MS && step !== totalSteps) return;
      lastDraw = now;
      Object.assign(payload, {
        epoch: fixed(epoch, 1), lr: scientific(eta), cost: fixed(batchCost, 3),
        remaining: remaining(startMs, step - firstStep, totalSteps - firstStep),
      });
      bar.update(step, payload);
    },
    onRecord(point) {
      Object.assign(payload, { epoch: fixed(point.epoch, 1), lr: scientific(point.eta), val: percent(point.val.accuracy) });
      bar.update(point.step, payload);
    },
    stop: () => bar.stop(),
  };
}

/** For a log file: a line per recorded point, so a long run is never silent until it ends. */
function trainingLog(totalSteps: number, totalEpochs: number): TrainingProgress {
  const startMs = Date.now();
  return {
    onStep() {},
    onRecord(point) {
      process.stderr.write(
        `step ${point.step}/${totalSteps} | epoch ${fixed(point.epoch, 1)}/${fixed(totalEpochs, 1)} | η ${scientific(point.eta)} | ` +
        `train ${percent(point.train.accuracy)} | val ${percent(point.val.accuracy)} | val cost ${fixed(point.val.cost, 3)} | ` +
        `elapsed ${duration((Date.now() - startMs) / 1000)} | ETA ${remaining(startMs, point.step, totalSteps)}\n`,
      );
    },
    stop() {},
  };
}
