// A RunState (src/core/trainer.ts) as one self-describing byte string, for the checkpoints the
// worker posts and the store keeps as a BLOB: magic, a JSON header (step, PRNG state, curves,
// array lengths, precision), then the parameters, the BN running statistics and the epoch
// order as raw little-endian arrays. Decoding gives back exactly the encoded state (bit for
// bit), so a resumed run continues as if it had never stopped; a header of the wrong shape or
// a byte string of the wrong length (a truncated BLOB) is a CheckpointError. No I/O here.
import { z } from 'zod';
import type { Precision } from '../core/config.ts';
import type { FloatArray } from '../core/dataset.ts';
import type { RecordPoint } from '../core/metrics.ts';
import type { RngState } from '../core/rng.ts';
import type { RunState } from '../core/trainer.ts';

// Every runtime that reads or writes checkpoints (Node, Electron, browsers) has the WHATWG text
// codecs, but the ES2022 library this folder is checked against does not declare them.
interface TextCodecs {
  TextEncoder: new () => { encode(text: string): Uint8Array };
  TextDecoder: new () => { decode(bytes: Uint8Array): string };
}
const { TextEncoder, TextDecoder } = globalThis as unknown as TextCodecs;

const MAGIC = 0x4b434c53; // "SLCK" read as a little-endian u32
const VERSION = 1;

interface Header {
  version: number;
  step: number;
  rng: RngState;
  precision: Precision;
  params: number;
  running: number;
  order: number;
  curves: RecordPoint[];
}

const count = z.number().int().min(0);
const setMetrics = z.object({ cost: z.number(), loss: z.number(), accuracy: z.number() });
const headerSchema: z.ZodType<Header> = z.object({
  version: z.literal(VERSION),
  step: count,
  rng: z.tuple([z.number(), z.number(), z.number(), z.number()]).readonly(),
  precision: z.enum(['float32', 'float64']),
  params: count,
  running: count,
  order: count,
  curves: z.array(z.object({ step: count, epoch: z.number(), eta: z.number(), train: setMetrics, val: setMetrics })),
});

export class CheckpointError extends Error {
  readonly code = 'bad_data' as const;
  constructor(message: string) {
    super(`checkpoint: ${message}`);
    this.name = 'CheckpointError';
  }
}

const pad8 = (n: number) => (n + 7) & ~7;

export function precisionOf(array: FloatArray): Precision {
  return array instanceof Float64Array ? 'float64' : 'float32';
}

export function encodeRunState(state: RunState): Uint8Array {
  const precision = precisionOf(state.params);
  const header: Header = {
    version: VERSION, step: state.step, rng: [...state.rng] as unknown as RngState, precision,
    params: state.params.length, running: state.running.length, order: state.order.length, curves: state.curves,
  };
  const json = new TextEncoder().encode(JSON.stringify(header, (_key, value: unknown) =>
    typeof value === 'number' && !Number.isFinite(value) ? String(value) : value)); // NaN/±Infinity survive
  const bytesPer = precision === 'float64' ? 8 : 4;
  const paramsAt = pad8(8 + json.length);
  const runningAt = pad8(paramsAt + state.params.length * bytesPer);
  const orderAt = pad8(runningAt + state.running.length * bytesPer);
  const total = orderAt + state.order.length * 4;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, json.length, true);
  out.set(json, 8);
  out.set(new Uint8Array(state.params.buffer, state.params.byteOffset, state.params.byteLength), paramsAt);
  out.set(new Uint8Array(state.running.buffer, state.running.byteOffset, state.running.byteLength), runningAt);
  out.set(new Uint8Array(state.order.buffer, state.order.byteOffset, state.order.byteLength), orderAt);
  return out;
}

export function decodeRunState(bytes: Uint8Array): RunState {
  if (bytes.length < 8) throw new CheckpointError('too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new CheckpointError('not a Sweeplab checkpoint');
  const jsonLength = view.getUint32(4, true);
  if (8 + jsonLength > bytes.length) throw new CheckpointError('truncated header');
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + jsonLength)), (_key, value: unknown) =>
      value === 'NaN' || value === 'Infinity' || value === '-Infinity' ? Number(value) : value);
  } catch {
    throw new CheckpointError('unreadable header');
  }
  const version = (parsed as { version?: unknown } | null)?.version;
  if (version !== VERSION) throw new CheckpointError(`version ${String(version)} is not supported`);
  const checked = headerSchema.safeParse(parsed);
  if (!checked.success) throw new CheckpointError(`bad header (${checked.error.issues[0].path.join('.')}: ${checked.error.issues[0].message})`);
  const header = checked.data;
  const bytesPer = header.precision === 'float64' ? 8 : 4;
  const paramsAt = pad8(8 + jsonLength);
  const runningAt = pad8(paramsAt + header.params * bytesPer);
  const orderAt = pad8(runningAt + header.running * bytesPer);
  if (orderAt + header.order * 4 !== bytes.length) throw new CheckpointError('length does not match its header');
  // Copies (slice), so the state owns aligned buffers whatever `bytes` is a view of.
  const floats = (at: number, length: number): FloatArray => {
    const raw = bytes.slice(at, at + length * bytesPer).buffer;
    return header.precision === 'float64' ? new Float64Array(raw) : new Float32Array(raw);
  };
  return {
    step: header.step,
    rng: header.rng,
    params: floats(paramsAt, header.params),
    running: floats(runningAt, header.running),
    order: new Uint32Array(bytes.slice(orderAt, orderAt + header.order * 4).buffer),
    curves: header.curves,
  };
}

/** The bytes of a float array, copied (for BLOBs and transfer). */
export function floatBytes(array: FloatArray): Uint8Array {
  return new Uint8Array(array.buffer.slice(array.byteOffset, array.byteOffset + array.byteLength));
}
