// ReLU. The backward pass reads the forward output (h > 0 ⇔ s > 0), so no mask is stored.
import type { FloatArray } from '../dataset.ts';

export function reluForward(out: FloatArray, inp: FloatArray, len: number): void {
  for (let i = 0; i < len; i++) { const v = inp[i]; out[i] = v > 0 ? v : 0; }
}

/** dInp = dOut where out > 0, else 0. dInp may alias dOut. */
export function reluBackward(dInp: FloatArray, dOut: FloatArray, out: FloatArray, len: number): void {
  for (let i = 0; i < len; i++) dInp[i] = out[i] > 0 ? dOut[i] : 0;
}
