// The layer rules of eslint.config.js (drawn in ARCHITECTURE.md), run on small snippets placed
// in each layer: every forbidden arrow fails with a message naming its rule, and the allowed
// arrows lint clean.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The messages of the layer rules for `code` linted as if it were the file `filePath`. */
async function layerMessages(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal).toEqual([]);
  return result.messages
    .filter((m) => ['no-restricted-imports', 'no-restricted-properties', 'no-restricted-globals'].includes(m.ruleId ?? ''))
    .map((m) => m.message);
}

const forbidden: Array<{ arrow: string; file: string; code: string; rule: string }> = [
  { arrow: 'core → shared', file: 'src/core/x.ts', code: "export { ConfigError } from '../shared/errors.ts';", rule: 'core-imports-core-only' },
  { arrow: 'core (nested) → shared', file: 'src/core/kernels/x.ts', code: "export type { SweepSpec } from '../../shared/sweep-schema.ts';", rule: 'core-imports-core-only' },
  { arrow: 'core → echarts', file: 'src/core/x.ts', code: "export type { EChartsOption } from 'echarts';", rule: 'core-imports-core-only' },
  { arrow: 'core → report', file: 'src/core/x.ts', code: "export { renderHtml } from '../report/html.ts';", rule: 'core-imports-core-only' },
  { arrow: 'core reads a clock', file: 'src/core/x.ts', code: 'export const t = Date.now();', rule: 'core-is-deterministic' },
  { arrow: 'core draws Math.random', file: 'src/core/x.ts', code: 'export const r = Math.random();', rule: 'core-is-deterministic' },
  { arrow: 'shared → main', file: 'src/shared/x.ts', code: "export { resolveHome } from '../main/home.ts';", rule: 'shared-imports-core-only' },
  { arrow: 'shared → node:path', file: 'src/shared/sweep/x.ts', code: "export { join } from 'node:path';", rule: 'shared-imports-core-only' },
  { arrow: 'shared → the store', file: 'src/shared/x.ts', code: "export type { RunStore } from '../main/store/run-store.ts';", rule: 'io-only-in-main-and-cli' },
  { arrow: 'renderer → core (types too)', file: 'src/renderer/charts/x.ts', code: "export type { RecordPoint } from '../../core/metrics.ts';", rule: 'renderer-imports-shared-only' },
  { arrow: 'renderer → report', file: 'src/renderer/views/x.ts', code: "export { renderMarkdown } from '../../report/markdown.ts';", rule: 'renderer-imports-shared-only' },
  { arrow: 'renderer → electron', file: 'src/renderer/x.ts', code: "export { ipcRenderer } from 'electron';", rule: 'renderer-imports-shared-only' },
  {
    arrow: 'renderer component → core', file: 'src/renderer/views/X.vue', rule: 'renderer-imports-shared-only',
    code: "<script setup lang=\"ts\">\nimport { summaryLines } from '../../core/replicate/summary.ts';\nconst lines = summaryLines;\n</script>\n<template><div>{{ lines }}</div></template>\n",
  },
  { arrow: 'workers → main', file: 'workers/x.ts', code: "export { loadTestSet } from '../src/main/data/load.ts';", rule: 'workers-import-core-and-shared' },
  { arrow: 'workers (nested) → main', file: 'workers/runtime/x.ts', code: "export { resolveHome } from '../../src/main/home.ts';", rule: 'workers-import-core-and-shared' },
  { arrow: 'workers → node:fs', file: 'workers/x.ts', code: "export { readFile } from 'node:fs/promises';", rule: 'io-only-in-main-and-cli' },
  { arrow: 'workers → Piscina', file: 'workers/x.ts', code: "export { default } from 'piscina';", rule: 'io-only-in-main-and-cli' },
  { arrow: 'report → node:fs', file: 'src/report/x.ts', code: "export { writeFileSync } from 'node:fs';", rule: 'io-only-in-main-and-cli' },
  { arrow: 'report → main', file: 'src/report/x.ts', code: "export { resolveHome } from '../main/home.ts';", rule: 'report-imports-core-and-shared' },
  { arrow: 'preload → core', file: 'src/preload/x.ts', code: "export type { TrainConfig } from '../core/config.ts';", rule: 'preload-imports-shared-only' },
  { arrow: 'main → renderer', file: 'src/main/x.ts', code: "export { labClient } from '../renderer/api/lab.ts';", rule: 'main-serves-through-contract' },
  { arrow: 'main → workers', file: 'src/main/engine/x.ts', code: "export { default } from '../../../workers/train.ts';", rule: 'main-starts-workers-by-path' },
  { arrow: 'cli → electron', file: 'src/cli/x.ts', code: "export { app } from 'electron';", rule: 'cli-runs-without-electron' },
];

const allowed: Array<{ arrow: string; file: string; code: string }> = [
  { arrow: 'core → core', file: 'src/core/kernels/x.ts', code: "export type { FloatArray } from '../dataset.ts';\nexport { createRng } from '../rng.ts';" },
  { arrow: 'shared → core', file: 'src/shared/sweep/x.ts', code: "export type { TrainConfig } from '../../core/config.ts';\nexport { createRng } from '../../core/rng.ts';\nexport { z } from 'zod';" },
  { arrow: 'shared → its own report module', file: 'src/shared/replicate/x.ts', code: "export type { Summary } from '../sweep/report.ts';\nexport { fmtPct } from './format.ts';" },
  { arrow: 'renderer → shared', file: 'src/renderer/charts/x.ts', code: "export type { RecordPoint } from '../../shared/core-types.ts';\nexport { toCsv } from '../../shared/csv.ts';" },
  { arrow: 'workers → core, shared, thread helpers', file: 'workers/x.ts', code: "export { createTrainer } from '../src/core/trainer.ts';\nexport { CONTROL } from '../src/shared/worker-protocol.ts';\nexport type { MessagePort } from 'node:worker_threads';\nexport { lowerThreadPriority } from './runtime/background-priority.ts';" },
  { arrow: 'report → shared and echarts', file: 'src/report/x.ts', code: "export { summaryLines } from '../shared/replicate/summary.ts';\nexport { init } from 'echarts';" },
  { arrow: 'main → fs, store, Piscina', file: 'src/main/engine/x.ts', code: "export { readFile } from 'node:fs/promises';\nexport { default as Piscina } from 'piscina';\nexport type { RunStore } from '../store/run-store.ts';" },
  { arrow: 'cli → main, report, fs', file: 'src/cli/commands/x.ts', code: "export { writeFileSync } from 'node:fs';\nexport { renderHtml } from '../../report/html.ts';\nexport { loadDataset } from '../../main/data/load.ts';" },
];

describe('layer rules', () => {
  it.each(forbidden)('$arrow fails with [$rule]', async ({ file, code, rule }) => {
    const messages = await layerMessages(code, file);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.some((m) => m.includes(`[${rule}]`))).toBe(true);
  });

  it.each(allowed)('$arrow lints clean', async ({ file, code }) => {
    expect(await layerMessages(code, file)).toEqual([]);
  });
});
