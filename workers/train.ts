// The Piscina task: trains one run of the queue on the shared dataset. Progress (every
// recorded point, a throttled heartbeat, checkpoints — every epoch or 100 steps, see
// checkpoint-interval.ts — and when stopped) goes to main over the transferred MessagePort;
// the task resolves with the final metrics and the trained weights. It writes nothing
// itself: main stores what it posts. Contract: src/shared/worker-protocol.ts.
import type { MessagePort } from 'node:worker_threads';
import type { Dataset, FloatArray, LabeledSet } from '../src/core/dataset.ts';
import { networkSpecOf } from '../src/core/config.ts';
import { createWasmKernels } from '../src/core/kernels/wasm/simd-kernels.ts';
import { createTrainer, resumeTrainer, runTraining } from '../src/core/trainer.ts';
import type { RunState } from '../src/core/trainer.ts';
import { decodeRunState, encodeRunState, floatBytes } from '../src/shared/checkpoint-codec.ts';
import { checkpointInterval } from '../src/shared/checkpoint-interval.ts';
import { toAppError } from '../src/shared/errors.ts';
import { CONTROL, CONTROL_WORDS, VERDICT, VERDICT_TIMEOUT_MS } from '../src/shared/worker-protocol.ts';
import type { SharedDatasetHandle, SharedSetHandle, TrainResult, TrainTask, WorkerMessage } from '../src/shared/worker-protocol.ts';
import { enableRelaxedSimd } from './runtime/relaxed-simd.ts';
import { lowerThreadPriority } from './runtime/background-priority.ts';
import { createKernelTeam } from './runtime/kernel-team.ts';

// Before any task runs, so every worker of a sweep uses the same kernels and results stay
// identical across worker counts (and with the CLI).
enableRelaxedSimd();
// Training yields the CPU to the UI and the rest of the machine (background-priority.ts).
lowerThreadPriority();

/**
 * The helper threads this worker's runs share their kernel calls over, as many as main allows
 * now (control word `threads`); none until a run may use more than one. Results do not depend
 * on the count, so it follows main's word from step to step.
 */
const team = createKernelTeam(1);
const kernels = createWasmKernels(undefined, team);

/** Views over the shared buffers, one per dataset key: built once per worker, never copied. */
const datasets = new Map<string, Dataset>();

function datasetOf(handle: SharedDatasetHandle): Dataset {
  let data = datasets.get(handle.key);
  if (!data) {
    const set = ({ x, y, n, d, raw }: SharedSetHandle): LabeledSet => ({
      ...(x && { x: (handle.precision === 'float64' ? new Float64Array(x) : new Float32Array(x)) as FloatArray }),
      y: new Uint8Array(y), n, d,
      ...(raw && { raw: { pixels: new Uint8Array(raw.pixels), mean: raw.mean, invStd: raw.invStd } }),
    });
    data = { train: set(handle.train), val: set(handle.val), test: set(handle.test), classNames: handle.classNames };
    datasets.set(handle.key, data);
  }
  return data;
}

export default function trainTask(task: TrainTask<MessagePort>): TrainResult {
  const { runId, port } = task;
  const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  try {
    return train(task, post);
  } catch (thrown) {
    return { kind: 'failed', runId, error: toAppError(thrown) };
  } finally {
    team.detach();
    post({ kind: 'end', runId });
    port.close();
  }
}

function train(task: TrainTask<MessagePort>, post: (message: WorkerMessage, transfer?: ArrayBuffer[]) => void): TrainResult {
  const { runId, config } = task;
  const data = datasetOf(task.dataset);
  if (config.batchSize > data.train.n) {
    return { kind: 'failed', runId, error: { code: 'bad_config', message: `batchSize ${config.batchSize} is more than the ${data.train.n} training images` } };
  }
  const control = new Int32Array(task.control);
  const threadsAllowed = () => Math.max(1, Atomics.load(control, CONTROL_WORDS.threads));
  team.resize(threadsAllowed());
  const { trainer, state } = task.checkpoint
    ? resumeTrainer(config, data, decodeRunState(task.checkpoint), kernels)
    : createTrainer(config, data, kernels);
  const every = checkpointInterval(trainer.stepsPerEpoch, task.checkpointEverySteps);
  post({ kind: 'started', runId, fromStep: state.step, totalSteps: trainer.totalSteps, stepsPerEpoch: trainer.stepsPerEpoch });

  const checkpoint = (s: RunState) => {
    const bytes = encodeRunState(s);
    post({ kind: 'checkpoint', runId, step: s.step, state: bytes }, [bytes.buffer as ArrayBuffer]);
  };
  let lastBeat = 0, lastCheckpoint = Date.now();
  const outcome = runTraining(trainer, state, {
    onStep(progress) {
      const threads = threadsAllowed();
      if (threads !== team.threads) team.resize(threads);
      const now = Date.now();
      if (now - lastBeat >= task.heartbeatMs || progress.step === progress.totalSteps) {
        lastBeat = now;
        post({ kind: 'heartbeat', runId, progress });
      }
      // After the update: params, BN averages, order and PRNG state are all consistent here.
      if (progress.step % every === 0 && progress.step < progress.totalSteps && now - lastCheckpoint >= (task.checkpointMinMs ?? 0)) {
        lastCheckpoint = now;
        checkpoint(state);
      }
    },
    onRecord(point) {
      if (task.awaitVerdicts) Atomics.store(control, 1, VERDICT.awaiting);
      post({ kind: 'record', runId, point });
      if (task.awaitVerdicts) Atomics.wait(control, 1, VERDICT.awaiting, VERDICT_TIMEOUT_MS);
    },
    signal: { get aborted() { return Atomics.load(control, 0) !== CONTROL.run; } },
  });

  const weights = () => ({
    precision: config.precision, layers: networkSpecOf(config, data.train.d, data.classNames.length).layers,
    params: floatBytes(state.params), running: floatBytes(state.running),
  });
  switch (outcome.status) {
    case 'completed':
      return { kind: 'completed', runId, steps: outcome.steps, final: outcome.final, weights: weights() };
    case 'diverged':
      return { kind: 'diverged', runId, steps: outcome.steps, error: { code: 'diverged', message: outcome.error.message, step: outcome.error.step } };
    case 'aborted': {
      if (Atomics.load(control, 0) === CONTROL.prune) return { kind: 'pruned', runId, steps: outcome.steps, weights: weights() };
      checkpoint(state);
      const reason = Atomics.load(control, 0) === CONTROL.cancel ? 'cancel' : 'requeue';
      return { kind: 'stopped', runId, steps: outcome.steps, reason };
    }
  }
}
