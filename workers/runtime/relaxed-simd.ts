// Relaxed SIMD (f32x4.relaxed_madd, a fused multiply-add) is standard from V8 11.4 (Node 22,
// current Electron); Node 20 validates it only behind a flag. Every process that runs the
// Float32 kernels — the engine's training workers, the analysis worker, the CLI — switches it
// on first thing, so a run gives the same bits wherever it is trained or evaluated (the
// kernels pick their module when a run's arena is made, after this). Process-wide.
import { setFlagsFromString } from 'node:v8';
import { detectSimd } from '../../src/core/kernels/wasm/simd-kernels.ts';

export function enableRelaxedSimd(): void {
  if (detectSimd() === 'plain') setFlagsFromString('--experimental-wasm-relaxed-simd');
}
