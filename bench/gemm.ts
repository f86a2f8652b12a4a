// GEMM rates of the WebAssembly kernels on the shapes of a step of ex3-bn-3layer: the first
// layer's forward (100×3072)·(3072×50), its weight gradient (50×100)·(100×3072) on the 16-column
// panels the batch gather leaves (as in a training step; pack16 is not timed), and the forward
// on an evaluation chunk of 500 rows. Median of several timed blocks after a warm-up; one thread.
import { createArena } from '../src/core/kernels/wasm/simd-kernels.ts';
import type { SimdFlavour } from '../src/core/kernels/wasm/simd-kernels.ts';
import { createRng } from '../src/core/rng.ts';

export interface GemmRate { name: string; flavour: SimdFlavour; shape: string; microseconds: number; gflops: number }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function rate(run: () => void, flops: number): { microseconds: number; gflops: number } {
  for (let i = 0; i < 30; i++) run();
  const per: number[] = [];
  for (let rep = 0; rep < 9; rep++) {
    const t = performance.now();
    for (let i = 0; i < 50; i++) run();
    per.push((performance.now() - t) / 50);
  }
  const ms = median(per);
  return { microseconds: ms * 1000, gflops: flops / ms / 1e6 };
}

export function gemmRates(flavour: SimdFlavour): GemmRate[] {
  const D = 3072, M = 50, B = 100, E = 500;
  const arena = createArena(flavour, { floats: 2 * E * D + 3 * M * D + 2 * E * M + 64, layers: [D, M], capacity: E, batch: B });
  const rng = createRng(1);
  const random = (len: number) => { const a = arena.take(len); for (let i = 0; i < len; i++) a[i] = rng.normal(); return a; };
  const X = random(E * D), W = random(M * D), b = random(M), G = random(E * M);
  const S = arena.take(E * M), dW = arena.take(M * D), db = arena.take(M);
  const k = arena.kernels;
  // A batch gathered from random bytes: X's first B rows and their panels, as a step has them.
  const pixels = Uint8Array.from({ length: B * D }, () => Math.floor(rng.uniform() * 256));
  const raw = { pixels, mean: new Float32Array(D).fill(120), invStd: new Float32Array(D).fill(1 / 64) };
  k.gatherBatch(X, new Uint8Array(B), { x: new Float32Array(B * D), y: new Uint8Array(B), n: B, d: D, raw }, Uint32Array.from({ length: B }, (_, i) => i), 0, B);
  const shape = (n: number) => `(${n}×${D})·(${D}×${M})`;
  return [
    { name: 'forward X·Wᵀ, batch', flavour, shape: shape(B), ...rate(() => k.linearForward(S, X, W, b, B, D, M), 2 * B * D * M) },
    { name: 'weight gradient dSᵀ·X', flavour, shape: `(${M}×${B})·(${B}×${D})`, ...rate(() => k.linearBackward(null, dW, db, G, X, W, B, D, M), 2 * B * D * M) },
    { name: 'forward, eval chunk', flavour, shape: shape(E), ...rate(() => k.linearForward(S, X, W, b, E, D, M), 2 * E * D * M) },
  ];
}

// `node --experimental-wasm-relaxed-simd --import tsx bench/gemm.ts relaxed`: the rates of
// one flavour as JSON, so run.ts can measure relaxed SIMD on a Node that needs the flag.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!) && process.argv[2]) {
  console.log(JSON.stringify(gemmRates(process.argv[2] as SimdFlavour)));
}
