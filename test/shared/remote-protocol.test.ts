// What a coordinator or worker accepts from Redis: bodies are size-checked before parsing,
// run configs go through the config schema, and results must have the protocol's shape.
import { describe, expect, it } from 'vitest';
import { decodeBody, encodeBody, MAX_BODY_CHARS, remoteEnvelopeSchema, runJobSchema, runJobId } from '../../src/shared/remote-protocol.ts';

const hash = 'a'.repeat(64);
const dataset = Object.fromEntries(['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin', 'test_batch.bin'].map((f) => [f, hash]));
const job = {
  v: 1, runId: 3, attempt: 1, label: 'λ=0.01', dataset, heartbeatMs: 1000,
  config: { network: { hidden: [16], batchNorm: true }, lambda: 0.01, schedule: { stepSize: 20, cycles: 1 } },
};
const envelope = (message: unknown) => ({ v: 1, jobId: runJobId(3, 1), runId: 3, attempt: 1, worker: 'w@host', take: 't', seq: 0, message });

describe('the remote protocol', () => {
  it('reads a run job, filling the config defaults as a config file would', () => {
    const run = decodeBody(encodeBody(job), runJobSchema, 'run job');
    expect(run.config).toMatchObject({ batchSize: 100, precision: 'float32', split: { kind: 'holdout', validation: 5000 } });
  });

  it('refuses a run job whose config is invalid or that carries extra fields', () => {
    expect(() => decodeBody(encodeBody({ ...job, config: { ...job.config, lambda: -1 } }), runJobSchema, 'run job')).toThrow(/config\.lambda: must be a number >= 0/);
    expect(() => decodeBody(encodeBody({ ...job, command: 'rm -rf /' }), runJobSchema, 'run job')).toThrow(/malformed/);
    expect(() => decodeBody(encodeBody({ ...job, dataset: { ...dataset, 'test_batch.bin': 'nope' } }), runJobSchema, 'run job')).toThrow(/dataset\.test_batch\.bin/);
  });

  it('keeps NaN and infinite metrics of a diverging run', () => {
    const point = { step: 10, epoch: 1, eta: 0.1, train: { cost: NaN, loss: Infinity, accuracy: 0.1 }, val: { cost: -Infinity, loss: 1, accuracy: 0.1 } };
    const read = decodeBody(encodeBody(envelope({ kind: 'record', point })), remoteEnvelopeSchema, 'message');
    expect(read.message).toEqual({ kind: 'record', point });
  });

  it('refuses oversized bodies before parsing them, and results of the wrong shape', () => {
    expect(() => decodeBody('x'.repeat(MAX_BODY_CHARS + 1), remoteEnvelopeSchema, 'message')).toThrow(/more than/);
    expect(() => decodeBody('{', remoteEnvelopeSchema, 'message')).toThrow(/not JSON/);
    expect(() => decodeBody(42, remoteEnvelopeSchema, 'message')).toThrow(/not a string/);
    const weights = { precision: 'float32', layers: [3072, 10], params: 'not base64!', running: '' };
    const completed = { kind: 'result', result: { kind: 'completed', steps: 1, final: {}, weights } };
    expect(() => decodeBody(encodeBody(envelope(completed)), remoteEnvelopeSchema, 'message')).toThrow(/malformed/);
  });

  it('names each attempt and each republication of a run differently', () => {
    expect(new Set([runJobId(1, 1), runJobId(1, 2), runJobId(1, 2, 1), runJobId(12, 1)]).size).toBe(4);
  });
});
