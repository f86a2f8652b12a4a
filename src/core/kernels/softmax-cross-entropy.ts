// Softmax over C classes per sample, mean cross-entropy, and the fused gradient
// dS = (P − onehot(y)) / N, which is better conditioned than going through dP.
import type { FloatArray } from '../dataset.ts';

/**
 * probs (N, C) = softmax(logits (N, C)) per row, max-shifted for stability; returns the
 * batch's Σ_n −log p[n, y_n] from the same sums, equal to crossEntropySum's loss, so a
 * training step takes the exponentials once for its cost and its gradient.
 */
export function softmaxForward(probs: FloatArray, logits: FloatArray, labels: Uint8Array, labelOffset: number, N: number, C: number): number {
  let loss = 0;
  for (let n = 0; n < N; n++) {
    const o = n * C;
    let max = -Infinity;
    for (let c = 0; c < C; c++) if (logits[o + c] > max) max = logits[o + c];
    let sum = 0;
    for (let c = 0; c < C; c++) { const e = Math.exp(logits[o + c] - max); probs[o + c] = e; sum += e; }
    loss += Math.log(sum) + max - logits[o + labels[labelOffset + n]];
    const inv = 1 / sum;
    for (let c = 0; c < C; c++) probs[o + c] *= inv;
  }
  return loss;
}

/**
 * Σ_n −log p[n, y_n], computed from the logits (log-sum-exp) so a confident wrong answer
 * costs a large finite number rather than −log(0) = ∞. Also counts correct argmax predictions.
 */
export function crossEntropySum(logits: FloatArray, labels: Uint8Array, labelOffset: number, N: number, C: number): { loss: number; correct: number } {
  let loss = 0, correct = 0;
  for (let n = 0; n < N; n++) {
    const o = n * C;
    let max = -Infinity, arg = 0;
    for (let c = 0; c < C; c++) if (logits[o + c] > max) { max = logits[o + c]; arg = c; }
    let sum = 0;
    for (let c = 0; c < C; c++) sum += Math.exp(logits[o + c] - max);
    const y = labels[labelOffset + n];
    loss += Math.log(sum) + max - logits[o + y];
    if (arg === y) correct++;
  }
  return { loss, correct };
}

/** dLogits (N, C) = (probs − onehot(y)) / N. May alias probs. */
export function softmaxCrossEntropyBackward(dLogits: FloatArray, probs: FloatArray, labels: Uint8Array, labelOffset: number, N: number, C: number): void {
  const inv = 1 / N;
  for (let n = 0; n < N; n++) {
    const o = n * C;
    for (let c = 0; c < C; c++) dLogits[o + c] = probs[o + c] * inv;
    dLogits[o + labels[labelOffset + n]] -= inv;
  }
}
