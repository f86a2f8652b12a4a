// Random and mutated payloads for every LabApi request (the list is the contract's own), sent
// through serve's /api: each answer must be a valid answer or `{ ok: false, error }` with a
// code of the closed set other than `internal` (a bug), within a few seconds, and nothing may
// be written outside the test's folders. The lab has no data, so no run ever trains; the
// "official" download is a local server that answers 404.
import { readdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ERROR_CODES } from '../../../src/shared/errors.ts';
import { LAB_REQUEST_NAMES } from '../../../src/shared/lab-api.ts';
import type { LabRequestName } from '../../../src/shared/lab-api.ts';
import { makeTempDir } from '../../helpers/fixture-data.ts';
import { api, raw, startHarness } from './serve-harness.ts';
import type { Harness } from './serve-harness.ts';

const CASES_PER_REQUEST = 50;
const ANSWER_WITHIN_MS = 5000;
const SMALL_RUN = { network: { hidden: [4] }, lambda: 0, schedule: { stepSize: 5, cycles: 1 }, split: { kind: 'a2', trainLimit: 100 } };

/** Well-formed payloads to mutate; a request added to the contract without samples does not compile. */
const SAMPLES: Record<LabRequestName, unknown[]> = {
  getStatus: [{}],
  listPresets: [{}],
  listRuns: [{}, { sweepId: 1 }],
  getRun: [{ id: 1 }],
  listSweeps: [{}],
  getSweepReport: [{ id: 1 }],
  createSweep: [
    { sweepPreset: 'smoke' }, { spec: { name: 'fuzz', base: SMALL_RUN, axes: [{ path: 'lambda', values: [0, 0.1] }] } },
    { spec: { name: 'fuzz-tpe', base: SMALL_RUN, search: { kind: 'tpe', trials: 4, startup: 2 }, scheduler: { kind: 'asha', minSteps: 2 }, axes: [{ path: 'lambda', logUniform: { min: 1e-5, max: 1e-1 } }] } },
  ],
  refineSweep: [{ id: 1, top: 2 }],
  cancelRun: [{ id: 2 }],
  cancelSweep: [{ id: 2 }],
  retryRun: [{ id: 2 }],
  runNext: [{ id: 3 }],
  pauseQueue: [{}],
  resumeQueue: [{}],
  updateSettings: [{ workers: 2 }, { dataPath: '/' }],
  fetchData: [{}, { dataPath: '/tmp' }, { url: 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz' }],
  cancelDataFetch: [{}],
  getRunConfusion: [{ id: 1 }],
  runGradCheck: [{ id: 1, dims: 8, samples: 2 }],
  getRunMetricsAt: [{ step: 0 }, { epoch: 1, runIds: [1, 2] }],
  getReplication: [{}, { id: 1 }],
  setNote: [{ runId: 1, note: 'a note' }, { sweepId: 1, note: '' }],
  setTags: [{ runId: 1, tags: ['keep', 'v2'] }, { sweepId: 1, tags: [] }],
  diffRuns: [{ a: 1, b: 2 }],
};

type Json = unknown;
/** Every path to a value inside `value`, e.g. ['spec', 'base', 'lambda']. */
function pathsOf(value: Json, at: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return at.length ? [at] : [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [...(at.length ? [at] : []), ...entries.flatMap(([key, v]) => pathsOf(v, [...at, key]))];
}
function withValueAt(value: Json, at: (string | number)[], replacement: Json | typeof REMOVE): Json {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  if (replacement === REMOVE) delete node[at.at(-1)!];
  else node[at.at(-1)!] = replacement;
  return copy;
}
const REMOVE = Symbol('remove');

const oddValue = fc.oneof(fc.jsonValue(), fc.constantFrom(-1, 0, 1e308, -0, 2 ** 53, '', '../../etc', 'x'.repeat(5000), [], {}, null, true));
function payloads(name: LabRequestName): fc.Arbitrary<Json> {
  const mutated = fc.constantFrom(...SAMPLES[name]).chain((sample) => {
    const paths = pathsOf(sample);
    const options: fc.Arbitrary<Json>[] = [
      fc.constant(sample),
      fc.tuple(fc.string({ maxLength: 12 }), oddValue).map(([key, v]) => ({ ...(sample as object), [key]: v })),
    ];
    if (paths.length > 0) {
      options.push(fc.tuple(fc.constantFrom(...paths), oddValue).map(([at, v]) => withValueAt(sample, at, v)));
      options.push(fc.constantFrom(...paths).map((at) => withValueAt(sample, at, REMOVE)));
    }
    return fc.oneof(...options);
  });
  return fc.oneof({ weight: 3, arbitrary: mutated }, { weight: 1, arbitrary: fc.jsonValue() });
}

let h: Harness;
let folders: string;
const official = createServer((_req, res) => res.writeHead(404).end());

beforeAll(async () => {
  folders = await makeTempDir('sweeplab-fuzz-user-');
  vi.stubEnv('HOME', folders);
  vi.stubEnv('XDG_DATA_HOME', path.join(folders, 'xdg'));
  official.listen(0, '127.0.0.1');
  await new Promise((resolve) => official.once('listening', resolve));
  h = await startHarness({}, { officialDataUrl: `http://127.0.0.1:${(official.address() as AddressInfo).port}/cifar.tar.gz` });
});
afterAll(async () => {
  await h?.stop();
  official.close();
  vi.unstubAllEnvs();
});

const withinTime = <T>(promise: Promise<T>, what: string) => Promise.race([
  promise,
  new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${ANSWER_WITHIN_MS} ms`)), ANSWER_WITHIN_MS)),
]);

function expectNamedAnswer(name: string, payload: Json, status: number, body: string): void {
  const answer = JSON.parse(body) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  const context = `${name} ${JSON.stringify(payload)?.slice(0, 300)} -> ${body.slice(0, 300)}`;
  if (answer.ok) {
    expect(status, context).toBe(200);
    expect(answer.value, context).not.toBeUndefined();
  } else {
    expect(status, context).toBe(400);
    expect(ERROR_CODES, context).toContain(answer.error?.code);
    expect(answer.error?.code, context).not.toBe('internal');
    expect(answer.error?.message, context).toMatch(/\S/);
  }
}

describe('every LabApi request under random and mutated payloads', () => {
  it.each([...LAB_REQUEST_NAMES])('%s', async (name) => {
    await fc.assert(fc.asyncProperty(payloads(name), async (payload) => {
      const answer = await withinTime(api(h, name, payload), name);
      expectNamedAnswer(name, payload, answer.status, answer.body);
    }), { numRuns: CASES_PER_REQUEST, seed: 20261204 });
  });

  it('answers bodies that are not JSON, or not an object, as data', async () => {
    for (const body of ['{', 'null', '[]', '"x"', '1e999', '\u0000']) {
      const answer = await raw(h.port, { method: 'POST', path: '/api/getStatus', body, headers: { Authorization: `Bearer ${h.server.token}`, 'Content-Type': 'application/json' } });
      expect(answer.status, body).toBeGreaterThanOrEqual(200);
      expectNamedAnswer('getStatus', body, answer.status, answer.body);
    }
  });

  it('never started a run or wrote outside its folders', async () => {
    expect(h.service.status().running).toEqual([]);
    expect(os.homedir()).toBe(folders);
    const target = h.service.status().fetch?.target;
    if (target) expect([folders, h.home].some((root) => target.startsWith(root + path.sep)), target).toBe(true);
    expect(await readdir(h.home)).toEqual(expect.arrayContaining(['sweeplab.db']));
  });
});
