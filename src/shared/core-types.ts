// The core's types that the renderer and the contracts speak in, re-exported so that code
// outside Node (the renderer) reaches them through src/shared and never imports src/core.
// Types only: no runtime value of the core crosses here.
export type { InitSpec, NetworkSpec, Precision, SplitSpec, TrainConfig } from '../core/config.ts';
export type { GradCheckReport, GradCheckRule, TensorCheck } from '../core/gradcheck.ts';
export type { FinalMetrics, RecordPoint, SetMetrics, StepProgress } from '../core/metrics.ts';
export type { RecordedMetric, RungDecision } from '../core/search/asha.ts';
export type { SearchSummary } from '../core/search/summary.ts';
