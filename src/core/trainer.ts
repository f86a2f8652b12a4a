// Mini-batch gradient descent with L2 and a cyclical learning rate, on an in-memory dataset.
// The run's whole state (step, parameters, BN averages, PRNG state, epoch order, recorded
// points) is explicit in `RunState`, so a run can be checkpointed and resumed bit-exactly.
// No clocks, no I/O: progress and records leave through hooks; cancellation comes in
// through `signal`.
import type { TrainConfig } from './config.ts';
import { networkSpecOf } from './config.ts';
import type { Dataset, FloatArray, LabeledSet } from './dataset.ts';
import { evaluateSet } from './evaluate.ts';
import type { EvalRows } from './evaluate.ts';
import { defaultKernels } from './kernels/default.ts';
import { arenaFloats } from './kernels/index.ts';
import type { Kernels } from './kernels/index.ts';
import type { FinalMetrics, RecordPoint, StepProgress, TrainOutcome } from './metrics.ts';
import { backward, createModel, createWorkspace, forward, heapTake, l2Term, updateRunningStats, workspaceSize } from './model.ts';
import type { Model, Take, Workspace } from './model.ts';
import { initParameters, layerViews, paramLayout, updateViews } from './params.ts';
import type { LayerView, UpdateView } from './params.ts';
import { createRng, shuffleInPlace } from './rng.ts';
import type { RngState } from './rng.ts';
import { cyclicalLr, totalSteps } from './schedule.ts';

/** Rows per evaluation batch: larger than a training batch, small enough to stay in cache. */
const EVAL_BATCH = 500;

export interface RunState {
  step: number;
  params: FloatArray;
  running: FloatArray;
  rng: RngState;
  /** Training order of the current epoch (indices into the training set). */
  order: Uint32Array;
  curves: RecordPoint[];
}

export interface TrainHooks {
  /** After each update. `progress` is one object per run, rewritten every step: copy what you keep. */
  onStep?(progress: StepProgress): void;
  onRecord?(point: RecordPoint): void;
  signal?: { readonly aborted: boolean };
}

export interface Trainer {
  config: TrainConfig;
  data: Dataset;
  model: Model;
  /** The kernels this run calls: bound to the run's arena when the kernel set has one. */
  kernels: Kernels;
  totalSteps: number;
  stepsPerEpoch: number;
  /** Record after these update counts (ascending; includes 0 and the last step). */
  recordSteps: number[];
  buffers: StepBuffers;
}

/** Scratch memory of the training loop, allocated with the trainer so that stepping allocates nothing. */
interface StepBuffers {
  ws: Workspace;
  batchX: FloatArray; // (B, D)
  batchY: Uint8Array; // (B)
  gradFlat: FloatArray; // same layout as the parameters
  grads: LayerView[];
  /** Per-layer W and b/γ/β views of the parameters and of the gradients, for the SGD step. */
  paramUpdate: UpdateView[];
  gradUpdate: UpdateView[];
  /** Rows of a training set kept as bytes only, normalised for its evaluation; null when it has x. */
  evalRows: EvalRows | null;
}

/** Floats of the evaluation rows a training set without x needs (see StepBuffers.evalRows). */
function evalRowsSize(train: LabeledSet, capacity: number): number {
  return train.x ? 0 : arenaFloats(capacity * train.d);
}

function createStepBuffers(model: Model, config: TrainConfig, train: LabeledSet, take: Take): StepBuffers {
  const B = config.batchSize, D = train.d, capacity = Math.max(B, EVAL_BATCH);
  const gradFlat = take(model.layout.size);
  const evalRows = train.x ? null : { x: take(capacity * D), y: new Uint8Array(capacity), identity: Uint32Array.from({ length: train.n }, (_, i) => i) };
  return {
    evalRows,
    ws: createWorkspace(model.spec, config.precision, capacity, take),
    batchX: take(B * D),
    batchY: new Uint8Array(B),
    gradFlat,
    grads: layerViews(model.layout, gradFlat),
    paramUpdate: updateViews(model.layout, model.params),
    gradUpdate: updateViews(model.layout, gradFlat),
  };
}

/**
 * Everything a run needs, allocated once; parameters initialised from the config's seed.
 * `kernels` defaults to the fast set (WebAssembly SIMD for Float32, reference for Float64);
 * a set with an arena gets every buffer of the run placed in its memory.
 */
export function createTrainer(config: TrainConfig, data: Dataset, kernels: Kernels = defaultKernels): { trainer: Trainer; state: RunState } {
  const spec = networkSpecOf(config, data.train.d, data.classNames.length);
  const layout = paramLayout(spec);
  const capacity = Math.max(config.batchSize, EVAL_BATCH);
  const floats = 3 * arenaFloats(layout.size) + arenaFloats(layout.runningSize) + workspaceSize(spec, capacity) + arenaFloats(config.batchSize * data.train.d) + evalRowsSize(data.train, capacity);
  const arena = kernels.arena?.(config.precision, { floats, layers: spec.layers, capacity, batch: config.batchSize }) ?? null;
  const take = arena ? arena.take : heapTake(config.precision);
  const k = arena ? arena.kernels : kernels;
  const model = createModel(spec, config.precision, take);
  const stepsPerEpoch = Math.floor(data.train.n / config.batchSize);
  if (stepsPerEpoch < 1) throw new RangeError(`batch size ${config.batchSize} exceeds the ${data.train.n} training images`);
  const steps = totalSteps(config.schedule);
  const rng = createRng(config.seed);
  initParameters(model.params, model.running, model.layout, rng);
  const order = Uint32Array.from({ length: data.train.n }, (_, i) => i);
  const trainer: Trainer = {
    config, data, model, kernels: k, totalSteps: steps, stepsPerEpoch,
    recordSteps: recordSchedule(config, steps), buffers: createStepBuffers(model, config, data.train, take),
  };
  return { trainer, state: { step: 0, params: model.params, running: model.running, rng: rng.state(), order, curves: [] } };
}

/** A deep copy of the state, safe to keep while the run goes on (a checkpoint). */
export function snapshotState(state: RunState): RunState {
  return { step: state.step, params: state.params.slice(), running: state.running.slice(), rng: state.rng, order: state.order.slice(), curves: state.curves.map((p) => ({ ...p })) };
}

/** A trainer continuing from a snapshot: copies the snapshot into freshly allocated buffers. */
export function resumeTrainer(config: TrainConfig, data: Dataset, snapshot: RunState, kernels: Kernels = defaultKernels): { trainer: Trainer; state: RunState } {
  const { trainer, state } = createTrainer(config, data, kernels);
  if (snapshot.params.length !== state.params.length || snapshot.running.length !== state.running.length || snapshot.order.length !== state.order.length) {
    throw new RangeError('checkpoint does not match this configuration and dataset');
  }
  state.params.set(snapshot.params);
  state.running.set(snapshot.running);
  state.order.set(snapshot.order);
  return { trainer, state: { ...state, step: snapshot.step, rng: snapshot.rng, curves: snapshot.curves.map((p) => ({ ...p })) } };
}

/** Update counts after which metrics are recorded: `recordsPerCycle` evenly per cycle, plus step 0. */
export function recordSchedule(config: TrainConfig, steps: number): number[] {
  const every = (2 * config.schedule.stepSize) / config.recordsPerCycle;
  const points = new Set<number>([0, steps]);
  for (let i = 1; i * every < steps; i++) points.add(Math.round(i * every));
  return [...points].sort((a, b) => a - b);
}

/**
 * Runs from `state.step` to the end (or divergence, or abort), mutating `state`.
 * `state.params`/`running` must be the trainer's model buffers.
 */
export function runTraining(trainer: Trainer, state: RunState, hooks: TrainHooks = {}): TrainOutcome {
  const { config, data, model, kernels: k } = trainer;
  const B = config.batchSize;
  const { ws, batchX, batchY, grads, paramUpdate, gradUpdate } = trainer.buffers;
  const rng = createRng(state.rng);
  const epochOf = (step: number) => (step * B) / data.train.n;
  const fail = (code: 'diverged' | 'aborted', message: string): TrainOutcome => {
    return { status: code, steps: state.step, curves: state.curves, error: { code, message, step: state.step } };
  };
  const progress: StepProgress = { step: state.step, totalSteps: trainer.totalSteps, epoch: epochOf(state.step), eta: 0, batchCost: 0 };
  let nextRecord = trainer.recordSteps.findIndex((s) => s >= state.step && !state.curves.some((p) => p.step === s));

  while (true) {
    if (nextRecord >= 0 && trainer.recordSteps[nextRecord] === state.step) {
      const point = record(trainer, ws, state.step, epochOf(state.step));
      state.curves.push(point);
      hooks.onRecord?.(point);
      nextRecord = nextRecord + 1 < trainer.recordSteps.length ? nextRecord + 1 : -1;
      if (!Number.isFinite(point.train.cost) || !Number.isFinite(point.val.cost)) return fail('diverged', `cost became ${point.train.cost} at step ${state.step}`);
    }
    if (state.step >= trainer.totalSteps) break;
    if (hooks.signal?.aborted) return fail('aborted', `stopped at step ${state.step}`);

    const inEpoch = state.step % trainer.stepsPerEpoch;
    if (inEpoch === 0) {
      shuffleInPlace(state.order, rng);
      state.rng = rng.state(); // keeps the state consistent for a snapshot taken in any hook
    }
    k.gatherBatch(batchX, batchY, data.train, state.order, inEpoch * B, B);
    forward(model, ws, k, batchX, B, 'train');
    // λ = 0 here: the L2 term of the gradient is added by the fused step below. Nothing of the
    // run's state has changed yet, so a diverged batch fails before any update.
    const loss = backward(model, grads, ws, k, batchX, batchY, B, 0) / B;
    // Finite weights give a finite λΣw² (summed in double), so a finite loss is a finite cost.
    if (!Number.isFinite(loss)) return fail('diverged', `mini-batch cost became ${loss + l2Term(model, config.lambda, k)} at step ${state.step}`);
    updateRunningStats(model, ws, config.network.bnAlpha, state.step === 0);
    const eta = cyclicalLr(state.step, config.schedule);
    let sumW2 = 0;
    for (let l = 0; l < paramUpdate.length; l++) {
      const p = paramUpdate[l], g = gradUpdate[l];
      sumW2 += k.sgdStepL2(p.W, g.W, eta, config.lambda, p.W.length);
      k.axpy(p.rest, g.rest, -eta, p.rest.length);
    }
    const batchCost = loss + config.lambda * sumW2;
    state.step++;
    if (hooks.onStep) {
      progress.step = state.step;
      progress.epoch = epochOf(state.step);
      progress.eta = eta;
      progress.batchCost = batchCost;
      hooks.onStep(progress);
    }
  }
  return { status: 'completed', steps: state.step, curves: state.curves, final: finalMetrics(trainer, ws, state.curves) };
}

function record(trainer: Trainer, ws: Workspace, step: number, epoch: number): RecordPoint {
  const { model, kernels: k, data, config } = trainer;
  return {
    step,
    epoch,
    eta: cyclicalLr(step, config.schedule),
    train: evaluateSet(model, ws, k, data.train, config.lambda, trainer.buffers.evalRows ?? undefined),
    val: evaluateSet(model, ws, k, data.val, config.lambda),
  };
}

function finalMetrics(trainer: Trainer, ws: Workspace, curves: RecordPoint[]): FinalMetrics {
  const { model, kernels: k, data, config } = trainer;
  const last = curves[curves.length - 1];
  return { train: last.train, val: last.val, test: evaluateSet(model, ws, k, data.test, config.lambda) };
}

/** One call for the common case: fresh run from the config's seed to the end. */
export function train(config: TrainConfig, data: Dataset, hooks: TrainHooks = {}, kernels: Kernels = defaultKernels): TrainOutcome & { model: Model } {
  const { trainer, state } = createTrainer(config, data, kernels);
  return { ...runTraining(trainer, state, hooks), model: trainer.model };
}

