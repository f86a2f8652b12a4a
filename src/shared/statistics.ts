// The core's mean and std, for the renderer, which reaches the core only through src/shared.
export { meanStd } from '../core/statistics.ts';
export type { MeanStd } from '../core/statistics.ts';
