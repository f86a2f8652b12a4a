// Runs a finished run's analyses (confusion matrix, gradient check) on a small Piscina pool of
// its own (workers/analysis.ts), so main's event loop stays free while a full 3072-feature
// check takes tens of seconds, and training workers are not taken from the queue. Main reads
// the data and hands it to the worker with the task. Results are kept in memory:
// both depend only on what is stored (weights, config) and the data, so a second look is
// instant. Threads start on demand and exit when idle.
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Piscina from 'piscina';
import { CIFAR_DIMS, networkSpecOf } from '../../core/config.ts';
import type { TrainConfig } from '../../core/config.ts';
import { floatRows } from '../../core/dataset.ts';
import { overallAccuracy, perClassAccuracy } from '../../core/confusion.ts';
import { checkBatch } from '../../core/gradcheck.ts';
import { ConfigError } from '../../shared/errors.ts';
import type { AppError } from '../../shared/errors.ts';
import type { LabEvent, RunConfusion, RunGradCheck } from '../../shared/lab-api.ts';
import { workerEntry } from '../app-layout.ts';
import { loadTestSet, loadTrainingSample } from '../data/load.ts';
import type { DataSource } from '../data/source.ts';
import type { TrainedWeights } from '../../shared/worker-protocol.ts';
import type { RunStore } from '../store/run-store.ts';
import type { AnalysisOutcome, AnalysisTask, ConfusionResult, ConfusionTask, GradCheckProgress, GradCheckResult, GradCheckTask } from '../../shared/analysis-protocol.ts';
import { workerExecArgv } from './pool.ts';

export const DEFAULT_ANALYSIS_WORKER = workerEntry('analysis');

/** An error from the worker, with its code kept (toAppError reads `code`). */
class AnalysisError extends Error {
  readonly code: AppError['code'];

  constructor(error: AppError) {
    super(error.message);
    this.code = error.code;
  }
}

export class RunAnalysis {
  private pool: Piscina<AnalysisTask, AnalysisOutcome<ConfusionResult | GradCheckResult>> | null = null;
  private readonly confusions = new Map<string, Promise<ConfusionResult>>();
  private readonly checks = new Map<string, Promise<GradCheckResult>>();

  constructor(private readonly workerFile: URL | string = DEFAULT_ANALYSIS_WORKER, private readonly threads = 2) {}

  private run<T>(task: AnalysisTask, options?: Parameters<Piscina['run']>[1]): Promise<T> {
    if (!this.pool) {
      const file = typeof this.workerFile === 'string' ? this.workerFile : fileURLToPath(this.workerFile);
      this.pool = new Piscina({
        filename: pathToFileURL(file).href, minThreads: 0, maxThreads: this.threads, idleTimeout: 30_000, execArgv: workerExecArgv(file),
      });
    }
    return this.pool.run(task, options).then((outcome) => {
      if (!outcome.ok) throw new AnalysisError(outcome.error);
      return outcome.value as T;
    });
  }

  /** Cached by `key` (the run and when it finished); a failure is not cached. */
  confusion(key: string, input: { source: DataSource; config: TrainConfig; weights: TrainedWeights }): Promise<ConfusionResult> {
    return this.remember(this.confusions, key, async () => {
      const started = performance.now();
      const { test, classNames } = await loadTestSet(input.source, input.config.split, input.weights.precision);
      const task: ConfusionTask = { kind: 'confusion', config: input.config, weights: input.weights, test, classNames };
      const result = await this.run<ConfusionResult>(task, { transferList: [...new Set([floatRows(test).buffer, test.y.buffer])] as ArrayBuffer[] });
      return { ...result, seconds: (performance.now() - started) / 1000 };
    });
  }

  /**
   * One check per `key` at a time, then cached; progress of the running one goes to `onProgress`.
   * The check's batch is the first `samples` training images of the config's split, their first
   * `dims` features.
   */
  gradcheck(
    key: string, input: { source: DataSource; config: TrainConfig; dims: number; samples: number },
    onProgress: (progress: GradCheckProgress) => void,
  ): Promise<GradCheckResult> {
    return this.remember(this.checks, key, async () => {
      const started = performance.now();
      const { config, samples } = input;
      const sample = await loadTrainingSample(input.source, config.split, samples, 'float64');
      const dims = Math.min(input.dims, CIFAR_DIMS);
      const { inp, labels } = checkBatch(sample, samples, dims);
      const { port1, port2 } = new MessageChannel();
      port1.on('message', (progress: GradCheckProgress) => onProgress(progress));
      const task: GradCheckTask = { kind: 'gradcheck', spec: networkSpecOf(config, dims), seed: config.seed, lambda: config.lambda, inp, labels, samples, port: port2 };
      const result = await this.run<GradCheckResult>(task, { transferList: [port2, inp.buffer as ArrayBuffer] }).finally(() => {
        // The result travels on Piscina's port, so it can overtake the last progress messages:
        // deliver what is still queued before closing, so the final "done = total" is never lost.
        for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) onProgress(m.message as GradCheckProgress);
        port1.close();
      });
      return { ...result, seconds: (performance.now() - started) / 1000 };
    });
  }

  private remember<T>(cache: Map<string, Promise<T>>, key: string, start: () => Promise<T>): Promise<T> {
    let pending = cache.get(key);
    if (!pending) {
      pending = start();
      cache.set(key, pending);
      pending.catch(() => cache.delete(key));
    }
    return pending;
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.destroy();
  }
}

// ---- the two LabApi requests over it (LabService delegates here) ----

/** Input features of the default, fast check: enough to exercise every tensor, seconds at most. */
export const REDUCED_DIMS = 20;
const DEFAULT_SAMPLES = 10;

function requireData(source: DataSource | null, what: string): DataSource {
  if (!source) throw new ConfigError(`${what} needs the CIFAR-10 data, and no dataset is configured (Settings)`);
  return source;
}

export async function runConfusion(analysis: RunAnalysis, store: RunStore, id: number, source: DataSource | null): Promise<RunConfusion> {
  const run = store.getRun(id);
  if (!run) throw new ConfigError(`no run ${id}`);
  if (run.status !== 'completed') throw new ConfigError(`run ${id} is ${run.status}: a confusion matrix needs the weights of a completed run`);
  const weights = store.getWeights(id);
  if (!weights) throw new ConfigError(`run ${id} has no stored weights`);
  const data = requireData(source, 'A confusion matrix');
  const result = await analysis.confusion(`${id}@${run.finishedAt}@${data.path}`, { source: data, config: run.config, weights });
  const C = result.classNames.length;
  const confusion = { classes: C, counts: Uint32Array.from(result.counts), n: result.n };
  return {
    runId: id, classNames: result.classNames, n: result.n, seconds: result.seconds,
    counts: Array.from({ length: C }, (_, t) => result.counts.slice(t * C, (t + 1) * C)),
    perClass: perClassAccuracy(confusion), accuracy: overallAccuracy(confusion),
  };
}

export async function runGradCheck(
  analysis: RunAnalysis, store: RunStore, input: { id: number; dims?: number; samples?: number }, source: DataSource | null,
  emit: (event: LabEvent) => void,
): Promise<RunGradCheck> {
  const run = store.getRun(input.id);
  if (!run) throw new ConfigError(`no run ${input.id}`);
  const data = requireData(source, 'A gradient check');
  const dims = input.dims ?? REDUCED_DIMS;
  const samples = input.samples ?? DEFAULT_SAMPLES;
  const result = await analysis.gradcheck(`${run.id}:${dims}:${samples}@${data.path}`, { source: data, config: run.config, dims, samples },
    ({ done, total }) => emit({ kind: 'gradcheck-progress', runId: run.id, dims, done, total }));
  return { runId: run.id, dims, report: result.report, seconds: result.seconds };
}
