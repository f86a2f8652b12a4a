// `sweeplab show RUN`: one stored run in full — its sweep point, config, status and timings,
// error, the scheduler's rung decisions (why a run was pruned), note and tags, final metrics,
// best validation accuracy and every recorded point (or --json).
import type { Command } from 'commander';
import type { RungDecision } from '../../core/search/asha.ts';
import { AnnotationStore } from '../../main/store/annotation-store.ts';
import { DecisionStore } from '../../main/store/decision-store.ts';
import { ConfigError } from '../../shared/errors.ts';
import { integerArg } from '../arguments.ts';
import { duration, fixed, layerList, percent, renderTable, scientific } from '../format.ts';
import { addHomeOption, withStore } from '../run-queue.ts';
import type { HomeOptions } from '../run-queue.ts';

export function registerShowCommand(program: Command): void {
  addHomeOption(program.command('show')
    .description('show one stored run: config, status, final metrics and curves')
    .argument('<run>', 'a run id', integerArg(1))
    .option('--json', 'print { run, curves, weights, decisions, note, tags } (weights: precision, layers and sizes only)'))
    .action((runId: number, options: HomeOptions & { json?: boolean }) => {
      withStore(options, true, (store) => {
        const run = store.getRun(runId);
        if (!run) throw new ConfigError(`no run ${runId} in ${store.file}`);
        const curves = store.getCurves(runId);
        const weights = store.getWeights(runId);
        const weightInfo = weights && { precision: weights.precision, layers: weights.layers, paramBytes: weights.params.length, runningBytes: weights.running.length };
        const decisions = new DecisionStore(store).of(runId);
        const { note, tags } = new AnnotationStore(store).get({ runId })!;
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ run, curves, weights: weightInfo ?? null, decisions, note, tags })}\n`);
          return;
        }
        const c = run.config;
        const init = c.network.init.kind === 'he' ? 'He' : `N(0, ${c.network.init.sigma}²)`;
        const lines = [
          `Run #${run.id} ${run.label}${run.sweepId === null ? '' : ` (sweep #${run.sweepId}, repeat ${run.repeat + 1})`}: ${run.status}` +
            (run.error ? ` — ${run.error.code}: ${run.error.message}` : ''),
          `Network ${layerList([3072, ...c.network.hidden, 10])}${c.network.batchNorm ? ' with BN' : ''}, init ${init}, λ ${c.lambda}, ` +
            `η ${c.schedule.etaMin}..${c.schedule.etaMax}, n_s ${c.schedule.stepSize} × ${c.schedule.cycles} cycles, batch ${c.batchSize}, ` +
            `split ${c.split.kind === 'a2' ? 'a2' : `holdout ${c.split.validation}`}${c.split.trainLimit ? ` (first ${c.split.trainLimit})` : ''}, seed ${c.seed}, ${c.precision}`,
          `Steps ${run.step}/${run.totalSteps ?? '?'}, attempts ${run.attempts}${run.resumedFromStep ? `, resumed from step ${run.resumedFromStep}` : ''}, ` +
            `compute ${duration(run.computeSeconds)}, created ${run.createdAt}${run.finishedAt ? `, finished ${run.finishedAt}` : ''}, Sweeplab ${run.appVersion}`,
        ];
        if (tags.length > 0) lines.push(`Tags: ${tags.join(', ')}`);
        if (note) lines.push(`Note: ${note}`);
        if (decisions.length > 0) lines.push(...decisions.map(decisionLine));
        if (run.final) {
          lines.push(renderTable([{ head: 'set' }, { head: 'accuracy', align: 'right' }, { head: 'cost', align: 'right' }, { head: 'loss', align: 'right' }],
            (['train', 'val', 'test'] as const).map((set) => [set, percent(run.final![set].accuracy), fixed(run.final![set].cost), fixed(run.final![set].loss)])));
        }
        if (run.bestVal) lines.push(`Best validation accuracy ${percent(run.bestVal.accuracy)} at step ${run.bestVal.step}.`);
        if (weightInfo) lines.push(`Weights stored: ${weightInfo.precision}, ${layerList(weightInfo.layers)}, ${weightInfo.paramBytes + weightInfo.runningBytes} bytes.`);
        if (curves.length > 0) {
          lines.push(renderTable(
            ['step', 'epoch', 'η', 'train cost', 'train acc', 'val cost', 'val acc'].map((head) => ({ head, align: 'right' as const })),
            curves.map((p) => [String(p.step), fixed(p.epoch, 2), scientific(p.eta), fixed(p.train.cost), percent(p.train.accuracy), fixed(p.val.cost), percent(p.val.accuracy)])));
        }
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });
}

/** `Rung 1 (step 1350, judged at 1440): val.accuracy 41.20% vs threshold 43.10% of 6 runs → pruned`. */
export function decisionLine(d: RungDecision): string {
  const value = (v: number) => (!Number.isFinite(v) ? String(v) : d.metric.endsWith('accuracy') ? percent(v) : fixed(v));
  const judged = d.step === d.rungStep ? '' : `, judged at ${d.step}`;
  return `Rung ${d.rung} (step ${d.rungStep}${judged}): ${d.metric} ${value(d.value)} vs threshold ${value(d.threshold)} ` +
    `of ${d.competitors} run${d.competitors === 1 ? '' : 's'} → ${d.action === 'prune' ? 'pruned' : 'continued'}`;
}
