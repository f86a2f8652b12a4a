// The names of the LabApi requests and the IPC channels they travel on, with no dependency at
// all, so the sandboxed preload can bundle it alone. The requests' schemas and answer types
// are in lab-api.ts, which is checked to cover exactly these names.
export const LAB_REQUEST_NAMES = [
  'getStatus', 'listPresets', 'listRuns', 'getRun', 'listSweeps', 'getSweepReport', 'createSweep', 'refineSweep',
  'cancelRun', 'cancelSweep', 'retryRun', 'runNext', 'pauseQueue', 'resumeQueue', 'updateSettings', 'fetchData', 'cancelDataFetch',
  'getRunConfusion', 'runGradCheck',
  'getReplication',
  'getRunMetricsAt',
  'setNote', 'setTags', 'diffRuns',
] as const;

export type LabRequestName = (typeof LAB_REQUEST_NAMES)[number];

export const PRELOAD_GLOBAL = 'sweeplab';
export const EVENT_CHANNEL = 'lab:events';
export const channelOf = (name: LabRequestName): string => `lab:${name}`;
