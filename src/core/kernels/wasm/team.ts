// A run's kernel calls shared out over threads. The caller (the thread that trains) and its
// helpers instantiate the same module on the run's shared memory; for a large call the caller
// writes each helper's share (the kernel and its arguments: pointers into that memory) into
// the control words, wakes them, computes its own share and waits until all are done. Every
// share computes whole output entries exactly as the single call would (see the splits in
// simd-kernels.ts), so the results are bit-identical for any number of threads. Creating the
// threads needs the runtime (workers/runtime/kernel-team.ts); the core only speaks the
// protocol below, with Atomics on a SharedArrayBuffer.

/** Threads that take shares of kernel calls on a run's memory. */
export interface KernelTeam {
  /** Helpers that take a share of the next call (besides the caller); may change between calls. */
  readonly helpers: number;
  /**
   * Gives every helper `module` instantiated on `memory` (a shared WebAssembly.Memory), and
   * `rows` (the training set's bytes, when they are shared) to gather batches from, and returns
   * once they can take shares; the words the rounds use. Replaces an earlier memory.
   */
  attach(module: object, memory: object, rows?: Uint8Array): Int32Array;
}

/** Word indices of the control block. Slots are 64 bytes apart, so helpers do not share a cache line. */
export const TEAM_WORDS = {
  /** Bumped by the caller to start a round. */
  generation: 0,
  /** Helpers that finished their share of this round; 0 between rounds. */
  done: 1,
  /** Helpers attached to the current memory. */
  ready: 2,
  /** Helper h's slot: [op, ...arguments] at slots + h · slotWords. */
  slots: 16,
  slotWords: 16,
} as const;

/** What a slot asks its helper to do; 0: nothing this round. */
export const TEAM_OPS = { none: 0, gemmNt: 1, gemmTn16: 2, normaliseRows: 3, detach: 4, gatherRows: 5 } as const;

/** Largest number of helpers a control block has slots for. */
export const MAX_HELPERS = 63;

/** Ints a control block for `MAX_HELPERS` helpers takes. */
export const TEAM_CONTROL_WORDS = TEAM_WORDS.slots + MAX_HELPERS * TEAM_WORDS.slotWords;

/** Iterations the caller polls for its helpers before it sleeps: they finish about when it does. */
const SPIN_POLLS = 20_000;

/** How long the caller waits for its helpers before it gives up on them. */
const STALL_MS = 60_000;

/**
 * Writes helper h's share of the next round: `op` and up to ten integer arguments (spelt out,
 * not an array: a training step allocates nothing).
 */
export function setShare(control: Int32Array, helper: number, op: number, a0: number, a1: number, a2: number, a3: number, a4: number, a5: number, a6: number, a7 = 0, a8 = 0, a9 = 0): void {
  const base = TEAM_WORDS.slots + helper * TEAM_WORDS.slotWords;
  control[base + 1] = a0; control[base + 2] = a1; control[base + 3] = a2; control[base + 4] = a3; control[base + 5] = a4;
  control[base + 6] = a5; control[base + 7] = a6; control[base + 8] = a7; control[base + 9] = a8; control[base + 10] = a9;
  Atomics.store(control, base, op);
}

/** Start of part i when `total` items are cut into `parts` runs of whole `unit`s; the remainder goes to the last. */
export function shareBound(total: number, unit: number, parts: number, i: number): number {
  return i >= parts ? total : unit * Math.floor((Math.floor(total / unit) * i) / parts);
}

/** Starts a round whose shares were written with setShare. */
export function startRound(control: Int32Array): void {
  Atomics.add(control, TEAM_WORDS.generation, 1);
  Atomics.notify(control, TEAM_WORDS.generation);
}

/**
 * Returns once `helpers` helpers finished their shares of the round, leaving `done` at 0. (Not
 * reset when a round starts: a helper idle in the last round may already be working on its
 * share of this one by then.)
 */
export function awaitRound(control: Int32Array, helpers: number): void {
  let polls = 0, waitedMs = 0;
  for (;;) {
    const done = Atomics.load(control, TEAM_WORDS.done);
    if (done >= helpers) {
      Atomics.store(control, TEAM_WORDS.done, 0);
      return;
    }
    if (++polls < SPIN_POLLS) continue;
    if (Atomics.wait(control, TEAM_WORDS.done, done, 100) === 'timed-out') {
      waitedMs += 100;
      if (waitedMs >= STALL_MS) throw new Error(`kernel helper threads did not answer within ${STALL_MS / 1000} s`);
    }
  }
}
