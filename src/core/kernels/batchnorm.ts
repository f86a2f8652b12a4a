// Batch normalisation kernels over a (N, M) batch, per unit m, with scale γ and shift β.
// Training normalises with the batch mean and biased variance; evaluation with the moving
// averages. Moving averages are updated by the trainer, not here, so a forward pass is a
// pure function of the parameters (the gradient check relies on that).
import type { FloatArray } from '../dataset.ts';

/** Training mode: xhat = (s − μ_B)/√(σ²_B + ε), out = γ·xhat + β. Caches xhat, μ_B, σ²_B, 1/√(σ²_B+ε). */
export function batchnormForwardTrain(
  out: FloatArray, xhat: FloatArray, mean: FloatArray, variance: FloatArray, invStd: FloatArray,
  inp: FloatArray, gamma: FloatArray, beta: FloatArray,
  N: number, M: number, eps: number,
): void {
  for (let m = 0; m < M; m++) batchnormForwardTrainColumn(out, xhat, mean, variance, invStd, inp, gamma, beta, N, M, eps, m);
}

/** Unit m of `batchnormForwardTrain` (also the tail columns a vector kernel leaves over). */
export function batchnormForwardTrainColumn(
  out: FloatArray, xhat: FloatArray, mean: FloatArray, variance: FloatArray, invStd: FloatArray,
  inp: FloatArray, gamma: FloatArray, beta: FloatArray,
  N: number, M: number, eps: number, m: number,
): void {
  let s = 0;
  for (let n = 0; n < N; n++) s += inp[n * M + m];
  const mu = s / N;
  let v = 0;
  for (let n = 0; n < N; n++) { const c = inp[n * M + m] - mu; v += c * c; }
  v /= N;
  const inv = 1 / Math.sqrt(v + eps);
  mean[m] = mu;
  variance[m] = v;
  invStd[m] = inv;
  const g = gamma[m], bt = beta[m];
  for (let n = 0; n < N; n++) {
    const i = n * M + m;
    const h = (inp[i] - mu) * inv;
    xhat[i] = h;
    out[i] = g * h + bt;
  }
}

/** Evaluation mode: out = γ·(s − μ_avg)/√(σ²_avg + ε) + β. */
export function batchnormForwardEval(
  out: FloatArray, inp: FloatArray, runMean: FloatArray, runVar: FloatArray, gamma: FloatArray, beta: FloatArray,
  N: number, M: number, eps: number,
): void {
  for (let m = 0; m < M; m++) {
    const scale = gamma[m] / Math.sqrt(runVar[m] + eps);
    const shift = beta[m] - runMean[m] * scale;
    for (let n = 0; n < N; n++) out[n * M + m] = inp[n * M + m] * scale + shift;
  }
}

/**
 * Gradients through out = γ·xhat + β and xhat = (s − μ_B)/√(σ²_B + ε), with μ_B and σ²_B
 * functions of the batch: ds = (1/√(σ²+ε))·(dxhat − mean(dxhat) − xhat·mean(dxhat·xhat)),
 * where dxhat = γ·dOut. dInp may alias dOut.
 */
export function batchnormBackward(
  dInp: FloatArray, dGamma: FloatArray, dBeta: FloatArray,
  dOut: FloatArray, xhat: FloatArray, invStd: FloatArray, gamma: FloatArray,
  N: number, M: number,
): void {
  for (let m = 0; m < M; m++) {
    let sumG = 0, sumGX = 0;
    for (let n = 0; n < N; n++) {
      const i = n * M + m;
      sumG += dOut[i];
      sumGX += dOut[i] * xhat[i];
    }
    dGamma[m] = sumGX;
    dBeta[m] = sumG;
    const meanG = sumG / N, meanGX = sumGX / N;
    const k = gamma[m] * invStd[m];
    for (let n = 0; n < N; n++) {
      const i = n * M + m;
      dInp[i] = k * (dOut[i] - meanG - xhat[i] * meanGX);
    }
  }
}
