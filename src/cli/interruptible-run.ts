// Runs a training to the end on the CLI's own thread while staying responsive to Ctrl-C.
// The core is synchronous, so a SIGINT handler could never run during one long call: the run
// goes in slices of about SLICE_MS, each stopped through the core's `signal` hook and resumed
// from the same RunState (bit-exact: the state is explicit), with the event loop turning in
// between. Not a worker pool and not a checkpoint store: nothing leaves this process.
import type { TrainOutcome } from '../core/metrics.ts';
import { runTraining } from '../core/trainer.ts';
import type { RunState, Trainer, TrainHooks } from '../core/trainer.ts';

/** Longest stretch without looking at signals; one evaluation of the sets may add to it. */
const SLICE_MS = 100;

/** Like `runTraining`, but an 'aborted' outcome means Ctrl-C (SIGINT) and nothing else. */
export async function runInterruptibly(trainer: Trainer, state: RunState, hooks: Omit<TrainHooks, 'signal'>): Promise<TrainOutcome> {
  let interrupted = false;
  const onSigint = () => { interrupted = true; };
  // `once`: a second Ctrl-C finds no listener and ends the process the ordinary way.
  process.once('SIGINT', onSigint);
  try {
    for (;;) {
      const sliceEnd = Date.now() + SLICE_MS;
      const signal = { get aborted() { return interrupted || Date.now() >= sliceEnd; } };
      const outcome = runTraining(trainer, state, { ...hooks, signal });
      if (outcome.status !== 'aborted' || interrupted) return outcome;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
