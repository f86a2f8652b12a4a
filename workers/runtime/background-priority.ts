// Training threads run at a lower OS priority than everything the user looks at: with every
// core training (16 runs on 2 cores), the window's renderer, the main thread that forwards
// progress and whatever else the user runs get the CPU first, and the workers still get all
// of it when nothing else wants it. Linux keeps a nice value per thread, so a worker lowering
// its own priority (setpriority on "process" 0, as os.setPriority does) lowers only itself.
// Elsewhere that call would lower the whole process — the Electron main process serving the
// window — so it is done on Linux only.
import os from 'node:os';

/** Nice value of training threads: ~10× less weight than the UI's 0 under contention. */
export const BACKGROUND_NICE = 10;

/** Lowers the calling thread (a worker) to BACKGROUND_NICE on Linux; elsewhere does nothing. */
export function lowerThreadPriority(): void {
  if (process.platform !== 'linux') return;
  try {
    if (os.getPriority(0) < BACKGROUND_NICE) os.setPriority(0, BACKGROUND_NICE);
  } catch {
    // A sandbox that forbids it: the thread keeps its priority; training is unaffected.
  }
}
