// The kernel set the trainer uses unless told otherwise: WebAssembly SIMD (relaxed where the
// runtime validates it) for Float32 runs, the reference set for Float64 runs and wherever
// WebAssembly SIMD is missing. The gradient check keeps using the reference set.
import { createWasmKernels } from './wasm/simd-kernels.ts';
import type { Kernels } from './index.ts';

export const defaultKernels: Kernels = createWasmKernels();
