// Lab events travel to a window in batches: everything emitted within EVENT_BATCH_MS goes as
// one message. Many runs streaming make hundreds of events a second (a point per record, a
// heartbeat per run every 250 ms); one message each would mean as many tasks in the renderer,
// each with its own Vue update, and as many sends from the main thread. A run's heartbeat only says how far it is, so
// a newer one replaces the older one still waiting in the batch; every other event is kept,
// in order.
import type { LabEvent } from '../shared/lab-api.ts';

/** Charts redraw every 250 ms at most, so 100 ms of delay is not seen. */
export const EVENT_BATCH_MS = 100;

export interface EventBatcher {
  push(event: LabEvent): void;
  /** Drops the waiting batch and sends nothing more (the window or socket is gone). */
  close(): void;
}

export function batchEvents(send: (events: LabEvent[]) => void, ms = EVENT_BATCH_MS): EventBatcher {
  let batch: LabEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  const flush = () => {
    timer = undefined;
    const events = batch;
    batch = [];
    send(events);
  };
  return {
    push(event) {
      if (closed) return;
      if (event.kind === 'progress') {
        const older = batch.findIndex((e) => e.kind === 'progress' && e.runId === event.runId);
        if (older >= 0) batch.splice(older, 1);
      }
      batch.push(event);
      timer ??= setTimeout(flush, ms);
    },
    close() {
      closed = true;
      clearTimeout(timer);
      batch = [];
    },
  };
}

/**
 * Subscribes `send` to a lab's events in batches (serve's WebSocket, the Electron window);
 * the returned function unsubscribes and drops the batch still waiting.
 */
export function subscribeInBatches(subscribe: (listener: (event: LabEvent) => void) => () => void, send: (events: LabEvent[]) => void): () => void {
  const batcher = batchEvents(send);
  const unsubscribe = subscribe((event) => batcher.push(event));
  return () => {
    unsubscribe();
    batcher.close();
  };
}
