// The training task of the engine's workers, called in this thread: it checkpoints at every
// interval by default, skips an interval's checkpoint until `checkpointMinMs` has passed since
// the last (what a remote worker asks for), and still checkpoints when it is stopped.
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { SharedDatasets } from '../../src/main/engine/datasets.ts';
import { CONTROL, CONTROL_WORDS } from '../../src/shared/worker-protocol.ts';
import type { TrainTask, WorkerMessage } from '../../src/shared/worker-protocol.ts';
import trainTask from '../../workers/train.ts';
import { FIXTURE_SOURCE, tinyConfig } from '../helpers/engine-fixture.ts';

const datasets = new SharedDatasets(FIXTURE_SOURCE);

/** Runs a 200-step task with a checkpoint interval of 20 steps; returns the steps it checkpointed at and how it ended. */
async function checkpointSteps(options: { checkpointMinMs?: number; stopped?: boolean }) {
  const config = tinyConfig({ schedule: { etaMin: 1e-5, etaMax: 1e-1, stepSize: 100, cycles: 1 } });
  const control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_WORDS.count));
  const { port1, port2 } = new MessageChannel();
  const steps: number[] = [];
  const seen = new Promise<void>((resolve) => port1.on('message', (message: WorkerMessage) => {
    if (message.kind === 'checkpoint') steps.push(message.step);
    if (message.kind === 'end') resolve();
  }));
  const task: TrainTask<typeof port2> = {
    kind: 'train', runId: 1, config, dataset: await datasets.get(config.split, config.precision), control: control.buffer as SharedArrayBuffer,
    port: port2, heartbeatMs: 0, checkpointEverySteps: 20, checkpointMinMs: options.checkpointMinMs,
  };
  // The task runs synchronously in this thread, so a stop is asked for before it starts.
  if (options.stopped) Atomics.store(control, CONTROL_WORDS.control, CONTROL.requeue);
  const result = trainTask(task);
  await seen;
  port1.close();
  return { steps, result: result.kind };
}

describe('the training task', () => {
  it('checkpoints at every interval by default', async () => {
    expect(await checkpointSteps({})).toEqual({ steps: [20, 40, 60, 80, 100, 120, 140, 160, 180], result: 'completed' });
  });

  it('skips interval checkpoints until checkpointMinMs has passed since the last', async () => {
    expect(await checkpointSteps({ checkpointMinMs: 3_600_000 })).toEqual({ steps: [], result: 'completed' });
  });

  it('checkpoints when stopped, whatever checkpointMinMs says', async () => {
    expect(await checkpointSteps({ checkpointMinMs: 3_600_000, stopped: true })).toEqual({ steps: [0], result: 'stopped' });
  });
});
