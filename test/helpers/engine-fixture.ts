// Small sweeps on the committed CIFAR-10 slice for the engine and store tests: run configs
// that train in well under a second, a temporary Sweeplab home, and a helper that runs a
// list of runs through a Lab to the end.
import { rm } from 'node:fs/promises';
import type { TrainConfig } from '../../src/core/config.ts';
import { Lab } from '../../src/main/engine/lab.ts';
import type { LabOptions } from '../../src/main/engine/lab.ts';
import type { DataSource } from '../../src/main/data/source.ts';
import { RunStore } from '../../src/main/store/run-store.ts';
import type { NewRun } from '../../src/main/store/run-store.ts';
import { FIXTURE_DATA_DIR, makeTempDir } from './fixture-data.ts';

export const FIXTURE_SOURCE: DataSource = { kind: 'folder', path: FIXTURE_DATA_DIR, origin: 'flag' };

export { tinyConfig } from './tiny-config.ts';

export function runsOf(configs: readonly TrainConfig[]): NewRun[] {
  return configs.map((config, index) => ({ index, label: `run ${index}`, point: { lambda: config.lambda }, repeat: 0, config }));
}

export async function withHome<T>(body: (home: string) => Promise<T>): Promise<T> {
  const home = await makeTempDir('sweeplab-home-test-');
  try {
    return await body(home);
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

/** Enqueues `runs` as one sweep and runs them all through a fresh Lab; returns the store (open). */
export async function runSweep(
  home: string, runs: readonly NewRun[], options: Partial<LabOptions> = {}, beforeStart?: (store: RunStore, sweepId: number) => void,
): Promise<{ store: RunStore; sweepId: number; lab: Lab }> {
  const store = RunStore.open(home, 'test');
  const sweepId = store.createSweep({ name: 'test', spec: { test: true }, runs });
  beforeStart?.(store, sweepId);
  const lab = new Lab({ store, data: FIXTURE_SOURCE, workers: 1, ...options });
  try {
    lab.start({ sweepId });
    await lab.whenIdle();
  } finally {
    await lab.close();
  }
  return { store, sweepId, lab };
}
