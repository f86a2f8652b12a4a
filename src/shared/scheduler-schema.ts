// The `scheduler` key of a sweep file: early stopping of the sweep's runs. One kind today,
// `asha` (src/core/search/asha.ts decides the rungs). Validation only: the engine applies it.
//
//   scheduler: { kind: asha, metric: val.accuracy, minSteps: 450, reduction: 3 }
//
//   metric     a recorded metric: val.accuracy (default), val.cost, val.loss, train.accuracy,
//              train.cost or train.loss; accuracies are better high, costs and losses low
//   minSteps   update steps of the first rung, integer >= 1 (rungs at minSteps · reduction^k)
//   reduction  η, integer >= 2 (default 3): the top 1/η of the runs at a rung continue
import { z } from 'zod';
import { RECORDED_METRICS, isRecordedMetric } from '../core/search/asha.ts';
import type { AshaSpec, RecordedMetric } from '../core/search/asha.ts';
import { integer, isRecord, rule, strict } from './config-schema.ts';

const metricSchema = z.string({ error: rule('must be a metric name') }).refine(isRecordedMetric, {
  error: (issue) => `${JSON.stringify(issue.input)} is never recorded; recorded metrics: ${RECORDED_METRICS.join(', ')}`,
}).transform((name) => name as RecordedMetric);

const ashaSchema = strict({
  kind: z.literal('asha'),
  metric: metricSchema.default('val.accuracy'),
  minSteps: integer(1, Number.MAX_SAFE_INTEGER, 'must be an integer >= 1'),
  reduction: integer(2, 1000, 'must be an integer in [2, 1000]').default(3),
}, 'an object { kind: asha, metric, minSteps, reduction }');

/**
 * A `{ kind, … }` object with one known kind: checks `kind` first, so a misspelt kind is named
 * instead of every key the other kind would not have.
 */
export function kindFirst<Out>(kind: string, what: string, schema: z.ZodType<Out>): z.ZodType<Out> {
  return z.unknown().transform((value, ctx) => {
    if (isRecord(value) && value.kind !== kind) {
      ctx.issues.push({ code: 'custom', path: ['kind'], message: rule(`must be "${kind}" (the only ${what})`)({ input: value.kind }), input: value });
      return z.NEVER;
    }
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.issues.push(issue as (typeof ctx.issues)[number]);
    return z.NEVER;
  }) as unknown as z.ZodType<Out>;
}

export const schedulerSchema = kindFirst<AshaSpec>('asha', 'scheduler', ashaSchema as unknown as z.ZodType<AshaSpec>);

export { RECORDED_METRICS } from '../core/search/asha.ts';
