// A training worker that dies (the thread exits) when a run is named "die", and otherwise
// trains as workers/train.ts does: for the test that one dead worker leaves the pool working.
import type { MessagePort } from 'node:worker_threads';
import type { TrainResult, TrainTask } from '../../src/shared/worker-protocol.ts';
import trainTask from '../../workers/train.ts';

export default function dyingTrainTask(task: TrainTask<MessagePort>): TrainResult {
  if (task.config.name === 'die') process.exit(3);
  return trainTask(task);
}
