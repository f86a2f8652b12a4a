// The Float32 WebAssembly SIMD kernel set: the training batch gathered from the dataset's
// bytes, affine forward and backward (the first layer's two GEMMs are 97% of a step's
// arithmetic), the transposed copies they need, batch norm in training mode, ReLU, and the
// flat-buffer loops, run in place on buffers carved out of one WebAssembly.Memory per run
// (`arena`). Everything else — softmax, evaluation-mode batch norm, Float64 — is the reference
// set, and so is any call whose buffers are not in this memory, so the set is correct for any
// input, only fast for its own. Given a KernelTeam, the large calls (the first layer's GEMMs,
// the batch's normalisation) are shared out over its threads in whole output entries, so a
// run's bits do not depend on its thread count (team.ts).
import type { FloatArray, PixelRows } from '../../dataset.ts';
import { batchnormForwardTrainColumn } from '../batchnorm.ts';
import { arenaFloats, referenceKernels } from '../index.ts';
import { rowViews } from '../row-views.ts';
import type { Arena, ArenaRequest, Kernels } from '../index.ts';
import { decodeBase64 } from './base64.ts';
import { PLAIN_SIMD_WASM, RELAXED_SIMD_WASM } from './modules.generated.ts';
import { awaitRound, MAX_HELPERS, setShare, shareBound, startRound, TEAM_OPS } from './team.ts';
import type { KernelTeam } from './team.ts';

/** The slice of the WebAssembly JS API used here (src/core sees no DOM or Node types). */
interface WasmMemory { readonly buffer: ArrayBuffer }
interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum: number; shared: true }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  validate(bytes: Uint8Array): boolean;
}
interface KernelExports {
  normalise_rows(dst: number, panels: number, src: number, mean: number, invStd: number, N: number, D: number, rows: number): void;
  normalise_bytes(dst: number, src: number, mean: number, invStd: number, N: number, D: number): void;
  gemm_nt(c: number, a: number, b: number, P: number, Q: number, K: number, rsc: number, csc: number, kc: number): void;
  transpose(dst: number, src: number, R: number, C: number): void;
  pack16(dst: number, src: number, N: number, D: number): void;
  gemm_tn16(c: number, g: number, xp: number, N: number, M: number, panels: number, ldc: number): void;
  add_rows(out: number, b: number, N: number, M: number): void;
  sum_rows(db: number, g: number, N: number, M: number): void;
  axpy(y: number, x: number, alpha: number, n: number): void;
  relu_forward(out: number, inp: number, n: number): void;
  relu_backward(dInp: number, dOut: number, out: number, n: number): void;
  bn_forward_train(out: number, xhat: number, mean: number, variance: number, invStd: number, inp: number, gamma: number, beta: number, N: number, M: number, m1: number, eps: number): void;
  bn_backward(dInp: number, dGamma: number, dBeta: number, dOut: number, xhat: number, invStd: number, gamma: number, N: number, M: number, m1: number): void;
  sumsq(x: number, n: number): number;
  sgd_step_l2(w: number, dw: number, eta: number, lambda: number, n: number): number;
}

export const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

export type SimdFlavour = 'relaxed' | 'plain';

/** Which module this runtime accepts: relaxed SIMD (FMA) where validated, else plain SIMD, else none. */
export function detectSimd(): SimdFlavour | null {
  if (!api) return null;
  if (api.validate(decodeBase64(RELAXED_SIMD_WASM))) return 'relaxed';
  if (api.validate(decodeBase64(PLAIN_SIMD_WASM))) return 'plain';
  return null;
}

/** A memory of `pages` 64 KiB pages that the kernels' module imports: shared, so threads can work on it. */
export function kernelMemory(pages: number): WasmMemory {
  return new api!.Memory({ initial: pages, maximum: pages, shared: true });
}

const modules = new Map<SimdFlavour, object>();
export function compiled(flavour: SimdFlavour): object {
  let m = modules.get(flavour);
  if (!m) {
    m = new api!.Module(decodeBase64(flavour === 'relaxed' ? RELAXED_SIMD_WASM : PLAIN_SIMD_WASM));
    modules.set(flavour, m);
  }
  return m;
}

/** K-block of the forward GEMM: 512 floats of 100 batch rows is 200 KB, it stays in L2. */
const FORWARD_KC = 512;
/**
 * Rows of a dataset chunk copied into this memory at a time (64 × 3072 floats = 768 KB): the
 * GEMM then reads them from L2 instead of a 6 MB copy from DRAM, and the scratch is small.
 */
const COPY_ROWS = 64;
const PAGE = 65536;
/**
 * Multiply-adds below which a call is not shared out: waking the helpers and waiting for them
 * costs microseconds, and the small layers' calls take about that.
 */
const SHARED_WORK = 1 << 20;

/**
 * The kernel set; `flavour` forces a module (benchmarks compare them), else the best the
 * runtime validates when a run's arena is made — not at import, so a process that enables
 * relaxed SIMD at start (workers/train.ts on Node 20) gets it. Without SIMD: the reference set.
 * With `team`, each run's large calls are shared out over the team's threads.
 */
export function createWasmKernels(flavour?: SimdFlavour | null, team?: KernelTeam): Kernels {
  if (flavour === null) return referenceKernels;
  return {
    ...referenceKernels,
    arena: (precision, request) => {
      const chosen = flavour ?? detectSimd();
      return precision === 'float32' && chosen ? createArena(chosen, request, team) : null;
    },
  };
}

/** Scratch the kernels need beside the run's own buffers, in floats. */
function scratchLayout(request: ArenaRequest) {
  const { layers, capacity } = request;
  let maxD = 0, maxM = 0, maxMD = 0;
  for (let l = 0; l + 1 < layers.length; l++) {
    maxD = Math.max(maxD, layers[l]);
    maxM = Math.max(maxM, layers[l + 1]);
    maxMD = Math.max(maxMD, layers[l] * layers[l + 1]);
  }
  const D = layers[0], batch = request.batch ?? 0;
  const gathers = batch > 0 && D % 16 === 0;
  return {
    input: arenaFloats(Math.min(capacity, COPY_ROWS) * layers[0]), // rows of an evaluation chunk copied in from the dataset
    // The training batch as bytes, then normalised into 16-column panels (see gatherBatch).
    bytes: gathers ? arenaFloats(Math.ceil((batch * D) / 4)) : 0,
    rowIndex: gathers ? arenaFloats(batch) : 0, // the batch's rows of the training set, for helper threads
    batchPanels: gathers ? arenaFloats(batch * D) : 0,
    normalisation: gathers ? 2 * arenaFloats(D) : 0,
    inputT: arenaFloats(capacity * maxD), // (D, N) transposed layer input for dW
    gradT: arenaFloats(capacity * maxM), // (M, N) transposed dS for dW
    weightT: arenaFloats(maxMD), // (D, M) transposed W for dX
  };
}

export function createArena(flavour: SimdFlavour, request: ArenaRequest, team?: KernelTeam): Arena {
  const scratch = scratchLayout(request);
  const scratchFloats = Object.values(scratch).reduce((sum, floats) => sum + floats, 0);
  const pages = Math.max(1, Math.ceil(((scratchFloats + request.floats) * 4) / PAGE));
  const memory = kernelMemory(pages);
  const module = compiled(flavour);
  const wasm = new api!.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
  const shares = team ? { team, control: team.attach(module, memory), module, memory } : null;
  const buffer = memory.buffer;
  let offset = 0;
  const carve = (length: number) => { const a = new Float32Array(buffer, offset * 4, length); offset += arenaFloats(length); return a; };
  const inputCopy = carve(scratch.input), inputT = carve(scratch.inputT), gradT = carve(scratch.gradT), weightT = carve(scratch.weightT);
  const batchBytes = new Uint8Array(buffer, offset * 4, 4 * scratch.bytes);
  offset += scratch.bytes;
  const rowIndex = new Uint32Array(buffer, offset * 4, scratch.rowIndex);
  offset += scratch.rowIndex;
  const batchPanels = carve(scratch.batchPanels), mean = carve(scratch.normalisation / 2), invStd = carve(scratch.normalisation / 2);
  const limit = scratchFloats + request.floats;
  const take = (length: number): Float32Array => {
    if (offset + arenaFloats(length) > limit) throw new RangeError(`arena of ${request.floats} floats exhausted`);
    return carve(length);
  };
  return { kernels: bindKernels(wasm, buffer, { inputCopy, inputT, gradT, weightT, bytes: batchBytes, rowIndex, batchPanels, mean, invStd }, shares), take };
}

interface Scratch {
  inputCopy: Float32Array; inputT: Float32Array; gradT: Float32Array; weightT: Float32Array;
  bytes: Uint8Array; rowIndex: Uint32Array; batchPanels: Float32Array; mean: Float32Array; invStd: Float32Array;
}

interface Shares { team: KernelTeam; control: Int32Array; module: object; memory: WasmMemory }

function bindKernels(wasm: KernelExports, buffer: ArrayBuffer, s: Scratch, shares: Shares | null): Kernels {
  const ref = referenceKernels;
  /** Threads that take a share of a call of `work` multiply-adds (or elements) now, the caller included. */
  const threadsFor = (work: number) => (shares && work >= SHARED_WORK ? 1 + Math.min(shares.team.helpers, MAX_HELPERS) : 1);
  /**
   * gemm_nt shared out: along Q in whole 4-row tiles of B when there are enough of them, else
   * along P in whole 2-row tiles of A; the ragged rest stays with the last share, where the
   * single call computes it too. Each C entry is computed exactly as in one call.
   */
  const gemmNt = (c: number, a: number, b: number, P: number, Q: number, K: number, rsc: number, csc: number, kc: number) => {
    const threads = threadsFor(P * Q * K);
    const byQ = Math.floor(Q / 4) >= threads;
    const unit = byQ ? 4 : 2, total = byQ ? Q : P;
    const parts = Math.min(threads, Math.floor(total / unit));
    if (parts <= 1) return wasm.gemm_nt(c, a, b, P, Q, K, rsc, csc, kc);
    const control = shares!.control;
    for (let h = 1; h < parts; h++) {
      const from = shareBound(total, unit, parts, h), count = shareBound(total, unit, parts, h + 1) - from;
      if (byQ) setShare(control, h - 1, TEAM_OPS.gemmNt, c + 4 * from * csc, a, b + 4 * from * K, P, count, K, rsc, csc, kc);
      else setShare(control, h - 1, TEAM_OPS.gemmNt, c + 4 * from * rsc, a + 4 * from * K, b, count, Q, K, rsc, csc, kc);
    }
    startRound(control);
    const first = shareBound(total, unit, parts, 1);
    if (byQ) wasm.gemm_nt(c, a, b, P, first, K, rsc, csc, kc);
    else wasm.gemm_nt(c, a, b, first, Q, K, rsc, csc, kc);
    awaitRound(control, parts - 1);
  };
  /** gemm_tn16 shared out by whole 16-column panels of X (columns of dW). */
  const gemmTn16 = (c: number, g: number, xp: number, N: number, M: number, panels: number, ldc: number) => {
    const parts = Math.min(threadsFor(N * M * panels * 16), panels);
    if (parts <= 1) return wasm.gemm_tn16(c, g, xp, N, M, panels, ldc);
    const control = shares!.control;
    for (let h = 1; h < parts; h++) {
      const from = shareBound(panels, 1, parts, h), count = shareBound(panels, 1, parts, h + 1) - from;
      setShare(control, h - 1, TEAM_OPS.gemmTn16, c + 64 * from, g, xp + 64 * from * N, N, M, count, ldc);
    }
    startRound(control);
    wasm.gemm_tn16(c, g, xp, N, M, shareBound(panels, 1, parts, 1), ldc);
    awaitRound(control, parts - 1);
  };
  /** The training rows the helpers were given (attach), to gather batches from. */
  let helperRows: Uint8Array | null = null;
  /**
   * The batch gathered and normalised by rows of the batch: each thread copies its rows of a
   * training set in shared memory into the byte scratch and normalises them. Returns false
   * (nothing done) when the call is not shared out.
   */
  const gatherShared = (batchY: Uint8Array, y: Uint8Array, pixels: Uint8Array, rows: readonly Uint8Array[], order: Uint32Array, from: number, batchX: Float32Array, B: number, D: number): boolean => {
    const parts = Math.min(threadsFor(B * D * 4), B);
    if (parts <= 1 || !(pixels.buffer instanceof SharedArrayBuffer)) return false;
    const sh = shares!;
    if (helperRows !== pixels) {
      sh.control = sh.team.attach(sh.module, sh.memory, pixels);
      helperRows = pixels;
    }
    for (let i = 0; i < B; i++) {
      const row = order[from + i];
      s.rowIndex[i] = row;
      batchY[i] = y[row];
    }
    const bytes = s.bytes.byteOffset, x = batchX.byteOffset, panels = s.batchPanels.byteOffset;
    for (let h = 1; h < parts; h++) {
      const first = shareBound(B, 1, parts, h), count = shareBound(B, 1, parts, h + 1) - first;
      setShare(sh.control, h - 1, TEAM_OPS.gatherRows, bytes, s.rowIndex.byteOffset, first, count, D, x, panels, s.mean.byteOffset, s.invStd.byteOffset, B);
    }
    startRound(sh.control);
    const mine = shareBound(B, 1, parts, 1);
    for (let i = 0; i < mine; i++) s.bytes.set(rows[s.rowIndex[i]], i * D);
    wasm.normalise_rows(x, panels, bytes, s.mean.byteOffset, s.invStd.byteOffset, mine, D, B);
    awaitRound(sh.control, parts - 1);
    return true;
  };
  /** normalise_rows shared out by rows of the batch. */
  const normaliseRows = (dst: number, panels: number, src: number, mean: number, invStd: number, N: number, D: number) => {
    const parts = Math.min(threadsFor(N * D * 4), N);
    if (parts <= 1) return wasm.normalise_rows(dst, panels, src, mean, invStd, N, D, N);
    const control = shares!.control;
    for (let h = 1; h < parts; h++) {
      const from = shareBound(N, 1, parts, h), count = shareBound(N, 1, parts, h + 1) - from;
      setShare(control, h - 1, TEAM_OPS.normaliseRows, dst + 4 * from * D, panels + 64 * from, src + from * D, mean, invStd, count, D, N);
    }
    startRound(control);
    wasm.normalise_rows(dst, panels, src, mean, invStd, shareBound(N, 1, parts, 1), D, N);
    awaitRound(control, parts - 1);
  };
  const own = (a: FloatArray | null): a is Float32Array => a !== null && a.buffer === buffer && a instanceof Float32Array;
  /** The layer input in this memory: itself, or copied into the input scratch; null if it cannot be. */
  const placed = (inp: FloatArray, len: number): Float32Array | null => {
    if (!(inp instanceof Float32Array)) return null;
    if (inp.buffer === buffer) return inp;
    if (len > s.inputCopy.length) return null;
    s.inputCopy.set(inp.subarray(0, len));
    return s.inputCopy;
  };
  /**
   * C = A·Bᵀ with A (P, K), B (Q, K) rows contiguous, C[i·rsc + j·csc]; or, when that covers
   * more of C with whole 2×4 tiles, the same product as Cᵀ = B·Aᵀ.
   */
  const gemm = (c: number, a: number, b: number, P: number, Q: number, K: number, rsc: number, csc: number, kc: number) => {
    if (tiles(Q, P) > tiles(P, Q)) gemmNt(c, b, a, Q, P, K, csc, rsc, kc);
    else gemmNt(c, a, b, P, Q, K, rsc, csc, kc);
  };
  const wholeK = (K: number) => arenaFloats(K);
  /** The normalisation whose mean and invStd are in scratch now. */
  let normalisation: PixelRows | null = null;
  /**
   * The batch buffer whose 16-column panels gatherBatch left in batchPanels, and its rows: the
   * trainer writes its batch only through gatherBatch, so the panels match it until the next one.
   */
  let packedBatch: Float32Array | null = null, packedRows = 0;
  /**
   * S (N, M) at byte offset `out` = X·Wᵀ + b for X (N, D) at `x`: Sᵀ (M, N) = W·Xᵀ into scratch,
   * rows along the batch so tiles store whole vectors, then transposed into place, plus b.
   */
  /**
   * More rows than a training batch (an evaluation chunk of a set kept as bytes): a batch's worth
   * of rows at a time through the byte scratch, normalised row-major only (no panels).
   */
  const gatherRowMajor = (batchX: Float32Array, batchY: Uint8Array, y: Uint8Array, rows: readonly Uint8Array[], order: Uint32Array, from: number, B: number, D: number) => {
    packedBatch = null;
    const chunk = Math.floor(s.batchPanels.length / D);
    for (let i0 = 0; i0 < B; i0 += chunk) {
      const count = Math.min(chunk, B - i0);
      for (let i = 0; i < count; i++) {
        const row = order[from + i0 + i];
        s.bytes.set(rows[row], i * D);
        batchY[i0 + i] = y[row];
      }
      wasm.normalise_bytes(batchX.byteOffset + 4 * i0 * D, s.bytes.byteOffset, s.mean.byteOffset, s.invStd.byteOffset, count, D);
    }
  };
  const forwardRows = (out: number, x: number, W: Float32Array, b: Float32Array, N: number, D: number, M: number) => {
    gemm(s.gradT.byteOffset, W.byteOffset, x, M, N, D, N, 1, FORWARD_KC);
    wasm.transpose(out, s.gradT.byteOffset, M, N);
    wasm.add_rows(out, b.byteOffset, N, M);
  };

  return {
    ...ref,
    gatherBatch(batchX, batchY, set, order, from, B) {
      const raw = set.raw, D = set.d;
      if (!(raw && own(batchX) && D % 16 === 0 && s.batchPanels.length >= D)) {
        packedBatch = null;
        return ref.gatherBatch(batchX, batchY, set, order, from, B);
      }
      if (normalisation !== raw) {
        s.mean.set(raw.mean);
        s.invStd.set(raw.invStd);
        normalisation = raw;
      }
      const rows = rowViews(raw.pixels, D);
      if (B * D > s.batchPanels.length) return gatherRowMajor(batchX, batchY, set.y, rows, order, from, B, D);
      packedBatch = batchX;
      packedRows = B;
      if (gatherShared(batchY, set.y, raw.pixels, rows, order, from, batchX, B, D)) return;
      for (let i = 0; i < B; i++) {
        const row = order[from + i];
        s.bytes.set(rows[row], i * D);
        batchY[i] = set.y[row];
      }
      normaliseRows(batchX.byteOffset, s.batchPanels.byteOffset, s.bytes.byteOffset, s.mean.byteOffset, s.invStd.byteOffset, B, D);
    },
    linearForward(out, inp, W, b, N, D, M) {
      if (!(own(out) && own(W) && own(b) && inp instanceof Float32Array)) return ref.linearForward(out, inp, W, b, N, D, M);
      if (inp.buffer === buffer) return forwardRows(out.byteOffset, inp.byteOffset, W, b, N, D, M);
      const rows = Math.floor(s.inputCopy.length / D);
      if (rows === 0) return ref.linearForward(out, inp, W, b, N, D, M);
      for (let n0 = 0; n0 < N; n0 += rows) {
        const r = Math.min(rows, N - n0);
        s.inputCopy.set(inp.subarray(n0 * D, (n0 + r) * D));
        forwardRows(out.byteOffset + 4 * n0 * M, s.inputCopy.byteOffset, W, b, r, D, M);
      }
    },
    linearBackward(dInp, dW, db, dOut, inp, W, N, D, M) {
      const x = own(dW) && own(db) && own(dOut) && own(W) && (dInp === null || own(dInp)) && N * D <= s.inputT.length ? placed(inp, N * D) : null;
      if (!x) return ref.linearBackward(dInp, dW, db, dOut, inp, W, N, D, M);
      wasm.sum_rows(db.byteOffset, dOut.byteOffset, N, M);
      if (D % 16 === 0) {
        // dW (M, D) = dSᵀ·X as outer products over n, X repacked in 16-column panels (no strides).
        const packed = x === packedBatch && N === packedRows;
        if (!packed) wasm.pack16(s.inputT.byteOffset, x.byteOffset, N, D);
        gemmTn16(dW.byteOffset, dOut.byteOffset, packed ? s.batchPanels.byteOffset : s.inputT.byteOffset, N, M, D / 16, D);
      } else {
        // Any other width: both operands transposed so the NT GEMM reads along N.
        wasm.transpose(s.gradT.byteOffset, dOut.byteOffset, N, M);
        wasm.transpose(s.inputT.byteOffset, x.byteOffset, N, D);
        gemm(dW.byteOffset, s.gradT.byteOffset, s.inputT.byteOffset, M, D, N, D, 1, wholeK(N));
      }
      if (dInp) {
        // dX (N, D) = dS·W = dS·(Wᵀ)ᵀ with Wᵀ (D, M).
        wasm.transpose(s.weightT.byteOffset, W.byteOffset, M, D);
        gemm(dInp.byteOffset, dOut.byteOffset, s.weightT.byteOffset, N, D, M, D, 1, wholeK(M));
      }
    },
    batchnormForwardTrain(out, xhat, mean, variance, invStd, inp, gamma, beta, N, M, eps) {
      if (!(own(out) && own(xhat) && own(mean) && own(variance) && own(invStd) && own(inp) && own(gamma) && own(beta))) {
        return ref.batchnormForwardTrain(out, xhat, mean, variance, invStd, inp, gamma, beta, N, M, eps);
      }
      const m1 = M & ~3;
      wasm.bn_forward_train(out.byteOffset, xhat.byteOffset, mean.byteOffset, variance.byteOffset, invStd.byteOffset, inp.byteOffset, gamma.byteOffset, beta.byteOffset, N, M, m1, eps);
      for (let m = m1; m < M; m++) batchnormForwardTrainColumn(out, xhat, mean, variance, invStd, inp, gamma, beta, N, M, eps, m);
    },
    batchnormBackward(dInp, dGamma, dBeta, dOut, xhat, invStd, gamma, N, M) {
      if (!(own(dInp) && own(dGamma) && own(dBeta) && own(dOut) && own(xhat) && own(invStd) && own(gamma))) {
        return ref.batchnormBackward(dInp, dGamma, dBeta, dOut, xhat, invStd, gamma, N, M);
      }
      const m1 = M & ~3;
      wasm.bn_backward(dInp.byteOffset, dGamma.byteOffset, dBeta.byteOffset, dOut.byteOffset, xhat.byteOffset, invStd.byteOffset, gamma.byteOffset, N, M, m1);
      for (let m = m1; m < M; m++) bnBackwardColumn(dInp, dGamma, dBeta, dOut, xhat, invStd, gamma, N, M, m);
    },
    reluForward(out, inp, len) {
      if (!(own(out) && own(inp))) return ref.reluForward(out, inp, len);
      const v = len & ~3;
      wasm.relu_forward(out.byteOffset, inp.byteOffset, v);
      for (let i = v; i < len; i++) { const x = inp[i]; out[i] = x > 0 ? x : 0; }
    },
    reluBackward(dInp, dOut, out, len) {
      if (!(own(dInp) && own(dOut) && own(out))) return ref.reluBackward(dInp, dOut, out, len);
      const v = len & ~3;
      wasm.relu_backward(dInp.byteOffset, dOut.byteOffset, out.byteOffset, v);
      for (let i = v; i < len; i++) dInp[i] = out[i] > 0 ? dOut[i] : 0;
    },
    axpy(y, x, alpha, len) {
      if (own(y) && own(x)) wasm.axpy(y.byteOffset, x.byteOffset, alpha, len);
      else ref.axpy(y, x, alpha, len);
    },
    sumOfSquares(x, len) {
      return own(x) ? wasm.sumsq(x.byteOffset, len) : ref.sumOfSquares(x, len);
    },
    sgdStepL2(W, dW, eta, lambda, len) {
      return own(W) && own(dW) ? wasm.sgd_step_l2(W.byteOffset, dW.byteOffset, eta, lambda, len) : ref.sgdStepL2(W, dW, eta, lambda, len);
    },
  };
}

/** Entries of a (p, q) product that whole 2×4 tiles of the GEMM cover. */
function tiles(p: number, q: number): number {
  return (p - (p % 2)) * (q - (q % 4));
}

/** Column m of the reference batchnormBackward. */
function bnBackwardColumn(dInp: FloatArray, dGamma: FloatArray, dBeta: FloatArray, dOut: FloatArray, xhat: FloatArray, invStd: FloatArray, gamma: FloatArray, N: number, M: number, m: number): void {
  let sumG = 0, sumGX = 0;
  for (let n = 0; n < N; n++) { const i = n * M + m; sumG += dOut[i]; sumGX += dOut[i] * xhat[i]; }
  dGamma[m] = sumGX;
  dBeta[m] = sumG;
  const meanG = sumG / N, meanGX = sumGX / N, k = gamma[m] * invStd[m];
  for (let n = 0; n < N; n++) { const i = n * M + m; dInp[i] = k * (dOut[i] - meanG - xhat[i] * meanGX); }
}
