// The Queue tables' cells, each a component of primitive props and no slots. NDataTable
// re-renders every row when its data changes (a run starts, the list is re-read as runs end);
// a cell built inline from h(NTag, …, slots) re-rendered each time, since Vue cannot tell
// slot functions apart, so one start re-rendered ~200 components. These cells skip when
// their props are unchanged: a start re-renders the cells of the runs that started.
import { NButton, NProgress, NSpace, NTag, NText } from 'naive-ui';
import { defineComponent, h } from 'vue';
import type { PropType } from 'vue';
import { RouterLink } from 'vue-router';
import type { RunStatusValue } from '../../shared/lab-api.ts';
import { labClient } from '../api/lab.ts';
import { useLabStore } from '../stores/lab.ts';

const STATUS_TYPE = { queued: 'default', running: 'info', completed: 'success', diverged: 'warning', failed: 'error', cancelled: 'default' } as const;
const id = { type: Number, required: true } as const;
const status = { type: String as PropType<RunStatusValue>, required: true } as const;

export const RunLinkCell = defineComponent({
  props: { id },
  setup: (props) => () => h(RouterLink, { to: `/run/${props.id}`, 'data-testid': `run-link-${props.id}` }, { default: () => `#${props.id}` }),
});

export const StatusCell = defineComponent({
  props: { id, status },
  setup: (props) => () => h(NTag, { size: 'small', type: STATUS_TYPE[props.status], 'data-testid': `status-${props.id}` }, { default: () => props.status }),
});

function etaText(seconds: number | null): string {
  return seconds === null ? '' : ` · ${seconds < 90 ? `${Math.ceil(seconds)} s` : `${Math.round(seconds / 60)} min`} left`;
}

/** The bar and the live line; it alone reads the live progress, so a heartbeat re-renders these cells only. */
export const ProgressCell = defineComponent({
  props: { id, status, step: { type: Number, required: true }, totalSteps: { type: Number as PropType<number | null>, default: null } },
  setup(props) {
    const lab = useLabStore();
    return () => {
      const live = lab.progress[props.id];
      const line = live
        ? `step ${live.step}/${live.totalSteps} · η ${live.eta.toExponential(1)} · batch cost ${live.batchCost.toFixed(3)}${etaText(lab.etaOf(props.id))}`
        : props.status === 'queued' ? 'waiting' : '';
      return h('div', [
        h(NProgress, { class: 'live-progress', type: 'line', percentage: Math.round(100 * lab.fractionDone(props)), height: 8 }),
        h(NText, { depth: 3, style: 'font-size: 11px' }, { default: () => line }),
      ]);
    };
  },
});

const act = (name: 'cancelRun' | 'retryRun' | 'runNext', runId: number) => void labClient().call(name, { id: runId });
const button = (label: string, onClick: () => void, testId: string) => h(NButton, { size: 'tiny', onClick, 'data-testid': testId }, { default: () => label });

export const ActionsCell = defineComponent({
  props: { id, status },
  setup: (props) => () => {
    const { id: runId, status: s } = props;
    return h(NSpace, { size: 4, wrap: false }, () => [
      s === 'queued' ? button('run next', () => act('runNext', runId), `next-${runId}`) : null,
      s === 'queued' || s === 'running' ? button('cancel', () => act('cancelRun', runId), `cancel-${runId}`) : null,
      s !== 'completed' && s !== 'queued' && s !== 'running' ? button('retry', () => act('retryRun', runId), `retry-${runId}`) : null,
    ]);
  },
});
