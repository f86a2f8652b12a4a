// The two passes over a dataset's bytes that building it costs, once per run: per-feature Σp
// and Σp² (the training statistics) and rows normalised to Float32. WebAssembly SIMD in a small
// memory of its own, a chunk of rows at a time, where the runtime has SIMD; the TypeScript
// loops of byte-rows-reference.ts otherwise, and as the reference they are tested against. Float64
// normalisation stays in splits.ts: nothing there is worth a kernel.
import { api, compiled, detectSimd, kernelMemory } from '../kernels/wasm/simd-kernels.ts';
import { addByteMomentsReference, normaliseBytesReference } from './byte-rows-reference.ts';

export { addByteMomentsReference, normaliseBytesReference };

interface ByteRowExports {
  byte_moments(sum: number, sumsq: number, src: number, N: number, D: number): void;
  normalise_bytes(dst: number, src: number, mean: number, inv: number, N: number, D: number): void;
}

/** Rows per chunk: 256 rows of 3,072 bytes and their floats (3.8 MB) stay in L2/L3 between the copy in and the kernel. */
const CHUNK_ROWS = 256;
const PAGE = 65536;

interface ByteRowMemory {
  wasm: ByteRowExports;
  d: number;
  bytes: Uint8Array; // (CHUNK_ROWS, d)
  floats: Float32Array; // (CHUNK_ROWS, d)
  sum: Uint32Array; // (d)
  sumSq: Uint32Array; // (d)
  mean: Float32Array; // (d)
  invStd: Float32Array; // (d)
}

let memoryFor: ByteRowMemory | null = null;

/** The SIMD memory for rows of `d` bytes, or null when SIMD is missing or d is not a multiple of 16. */
function simdMemory(d: number): ByteRowMemory | null {
  if (d % 16 !== 0 || !api || detectSimd() === null) return null;
  if (memoryFor?.d === d) return memoryFor;
  const floatsPerRow = CHUNK_ROWS * d;
  const bytesNeeded = floatsPerRow + 4 * floatsPerRow + 4 * 4 * d;
  const memory = kernelMemory(Math.ceil(bytesNeeded / PAGE));
  const wasm = new api.Instance(compiled('plain'), { env: { memory } }).exports as unknown as ByteRowExports;
  const buffer = memory.buffer;
  let at = 0;
  const next = (bytes: number) => { const o = at; at += bytes; return o; };
  memoryFor = {
    wasm, d,
    bytes: new Uint8Array(buffer, next(floatsPerRow), floatsPerRow),
    floats: new Float32Array(buffer, next(4 * floatsPerRow), floatsPerRow),
    sum: new Uint32Array(buffer, next(4 * d), d),
    sumSq: new Uint32Array(buffer, next(4 * d), d),
    mean: new Float32Array(buffer, next(4 * d), d),
    invStd: new Float32Array(buffer, next(4 * d), d),
  };
  return memoryFor;
}

/** Adds Σp and Σp² of rows [from, to) of `images` (rows of d bytes) into sum and sumSq (d). */
export function addByteMoments(sum: Float64Array, sumSq: Float64Array, images: Uint8Array, from: number, to: number, d: number): void {
  const m = simdMemory(d);
  if (!m) return addByteMomentsReference(sum, sumSq, images, from, to, d);
  for (let r0 = from; r0 < to; r0 += CHUNK_ROWS) {
    const rows = Math.min(CHUNK_ROWS, to - r0);
    m.bytes.set(images.subarray(r0 * d, (r0 + rows) * d));
    m.sum.fill(0);
    m.sumSq.fill(0);
    m.wasm.byte_moments(m.sum.byteOffset, m.sumSq.byteOffset, m.bytes.byteOffset, rows, d);
    for (let j = 0; j < d; j++) {
      sum[j] += m.sum[j];
      sumSq[j] += m.sumSq[j];
    }
  }
}

/** x[(at + i − from)·d + j] = f32(f32(images[i·d + j] − mean[j]) · invStd[j]) for rows i in [from, to). */
export function normaliseBytes(x: Float32Array, at: number, images: Uint8Array, from: number, to: number, mean: Float32Array, invStd: Float32Array, d: number): void {
  const m = simdMemory(d);
  if (!m) return normaliseBytesReference(x, at, images, from, to, mean, invStd, d);
  m.mean.set(mean);
  m.invStd.set(invStd);
  for (let r0 = from; r0 < to; r0 += CHUNK_ROWS) {
    const rows = Math.min(CHUNK_ROWS, to - r0);
    m.bytes.set(images.subarray(r0 * d, (r0 + rows) * d));
    m.wasm.normalise_bytes(m.floats.byteOffset, m.bytes.byteOffset, m.mean.byteOffset, m.invStd.byteOffset, rows, d);
    x.set(m.floats.subarray(0, rows * d), (at + r0 - from) * d);
  }
}
