// The threads a run's kernel calls are shared out over (the protocol: src/core/kernels/wasm/team.ts).
// Helpers are worker threads started from source text (`eval`), not from a file: they run a
// few lines of plain JavaScript, so they need no loader, no build entry and no path that
// differs between a checkout, the npm package and app.asar. Each helper waits for a memory,
// instantiates the kernels' module on it and then takes shares until detached. A team can
// grow or shrink between calls (`resize`): the results do not depend on its size.
import { Worker } from 'node:worker_threads';
import { awaitRound, MAX_HELPERS, startRound, TEAM_CONTROL_WORDS, TEAM_OPS, TEAM_WORDS } from '../../src/core/kernels/wasm/team.ts';
import type { KernelTeam } from '../../src/core/kernels/wasm/team.ts';

/**
 * How long an idle helper polls for the next round before it sleeps. A step's serial stretches
 * between rounds last a few hundred microseconds, and waking a sleeping thread costs tens of
 * microseconds (more on a virtual machine) at every round, so a helper stays awake that long.
 */
const HELPER_SPIN_MS = 2;

const HELPER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const W = ${JSON.stringify(TEAM_WORDS)}, OP = ${JSON.stringify(TEAM_OPS)}, SPIN_MS = ${HELPER_SPIN_MS};
const c = new Int32Array(workerData.control);
const slot = W.slots + workerData.index * W.slotWords;
parentPort.on('message', ({ module, memory, rows }) => {
  const k = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const bytes = new Uint8Array(memory.buffer);
  const words = new Uint32Array(memory.buffer);
  // One view per row of the training set, made at the first gather (copying a row is then the native set).
  let views = null;
  let seen = Atomics.load(c, W.generation);
  Atomics.add(c, W.ready, 1);
  Atomics.notify(c, W.ready);
  for (;;) {
    let polls = 0, since = 0;
    while (Atomics.load(c, W.generation) === seen) {
      if ((++polls & 1023) !== 0) continue;
      const now = performance.now();
      if (since === 0) since = now;
      else if (now - since > SPIN_MS) Atomics.wait(c, W.generation, seen);
    }
    seen = Atomics.load(c, W.generation);
    const op = Atomics.load(c, slot);
    if (op === OP.none) continue;
    const a = slot + 1;
    if (op === OP.gemmNt) k.gemm_nt(c[a], c[a + 1], c[a + 2], c[a + 3], c[a + 4], c[a + 5], c[a + 6], c[a + 7], c[a + 8]);
    else if (op === OP.gemmTn16) k.gemm_tn16(c[a], c[a + 1], c[a + 2], c[a + 3], c[a + 4], c[a + 5], c[a + 6]);
    else if (op === OP.normaliseRows) k.normalise_rows(c[a], c[a + 1], c[a + 2], c[a + 3], c[a + 4], c[a + 5], c[a + 6], c[a + 7]);
    else if (op === OP.gatherRows) {
      // [bytes, row indices, from, count, D, dst, panels, mean, invStd, N]: copy rows from..from+count
      // of the batch into the byte scratch, then normalise them.
      const D = c[a + 4], from = c[a + 2], count = c[a + 3];
      if (views === null || views.length === 0 || views[0].length !== D) {
        views = Array.from({ length: Math.floor(rows.length / D) }, (_, r) => rows.subarray(r * D, r * D + D));
      }
      const index = c[a + 1] >>> 2;
      for (let i = from; i < from + count; i++) bytes.set(views[words[index + i]], c[a] + i * D);
      k.normalise_rows(c[a + 5] + 4 * from * D, c[a + 6] + 64 * from, c[a] + from * D, c[a + 7], c[a + 8], count, D, c[a + 9]);
    }
    Atomics.store(c, slot, OP.none);
    Atomics.add(c, W.done, 1);
    Atomics.notify(c, W.done);
    if (op === OP.detach) return;
  }
});
`;

/** How long attaching waits for a helper to start and instantiate the module. */
const ATTACH_TIMEOUT_MS = 30_000;

export interface ResizableKernelTeam extends KernelTeam {
  /** Threads a call is shared over now, the caller's included. */
  readonly threads: number;
  /** Shares calls over `threads` threads from the next call on (starting helpers if needed). */
  resize(threads: number): void;
  /** Lets go of the current memory (the helpers keep running, waiting for the next one). */
  detach(): void;
  /** Stops the helper threads. */
  close(): Promise<void>;
}

/** A team of `threads` threads: the caller and threads − 1 helpers. */
export function createKernelTeam(threads: number): ResizableKernelTeam {
  const control = new Int32Array(new SharedArrayBuffer(4 * TEAM_CONTROL_WORDS));
  const workers: Worker[] = [];
  let wanted = 1;
  let current: { module: object; memory: object; rows?: Uint8Array } | null = null;
  let failure: Error | null = null;

  const spawn = () => {
    const worker = new Worker(HELPER_SOURCE, { eval: true, workerData: { control: control.buffer, index: workers.length } });
    worker.on('error', (error) => { failure = error; });
    worker.unref();
    workers.push(worker);
  };
  /** Waits until `count` helpers have instantiated the current memory. */
  const awaitReady = (count: number) => {
    const deadline = Date.now() + ATTACH_TIMEOUT_MS;
    for (;;) {
      const ready = Atomics.load(control, TEAM_WORDS.ready);
      if (ready >= count) return;
      if (failure) throw new Error(`a kernel helper thread failed: ${failure.message}`);
      if (Date.now() > deadline) throw new Error(`kernel helper threads did not start within ${ATTACH_TIMEOUT_MS / 1000} s`);
      Atomics.wait(control, TEAM_WORDS.ready, ready, 50);
    }
  };
  const give = (from: number) => {
    for (let h = from; h < workers.length; h++) workers[h].postMessage(current);
    awaitReady(workers.length);
  };
  const detach = () => {
    if (!current) return;
    const attached = Atomics.load(control, TEAM_WORDS.ready);
    for (let h = 0; h < attached; h++) Atomics.store(control, TEAM_WORDS.slots + h * TEAM_WORDS.slotWords, TEAM_OPS.detach);
    startRound(control);
    awaitRound(control, attached);
    Atomics.store(control, TEAM_WORDS.ready, 0);
    current = null;
  };
  const team: ResizableKernelTeam = {
    get helpers() { return Math.min(wanted - 1, workers.length); },
    get threads() { return 1 + team.helpers; },
    attach(module, memory, rows) {
      detach();
      current = { module, memory, rows };
      give(0);
      return control;
    },
    resize(n) {
      if (!Number.isInteger(n) || n < 1) throw new RangeError(`a kernel team needs a whole number of threads, not ${n}`);
      wanted = Math.min(n, MAX_HELPERS + 1);
      const before = workers.length;
      while (workers.length < wanted - 1) spawn();
      if (current && workers.length > before) give(before);
    },
    detach,
    async close() {
      detach();
      await Promise.all(workers.splice(0).map((w) => w.terminate()));
    },
  };
  team.resize(threads);
  return team;
}
