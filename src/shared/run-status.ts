// The states of a run, in the order a run goes through them; the CLI's --status choices and the
// app's filters read this list (the store's CHECK constraints are frozen per migration).

export const RUN_STATUSES = ['queued', 'running', 'completed', 'diverged', 'failed', 'cancelled', 'pruned'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Queued or running: the run has not ended, so it can be cancelled and has no final metrics. */
export function isActiveStatus(status: string): boolean {
  return status === 'queued' || status === 'running';
}
