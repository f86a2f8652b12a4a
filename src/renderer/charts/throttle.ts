// A trailing throttle for chart redraws: calls coalesce until the timer fires, then `run`
// reads whatever is newest. Every call goes through a timer, even an idle one (delay 0), so
// that the charts of a view, asked together by one event, redraw in separate tasks — one
// ECharts setOption each — instead of one long task for all of them, which would make the
// window stutter while runs stream. Not a debounce: a steady stream still redraws every `ms`.

export interface Throttled {
  /** Asks for a run: at once (next task) when the last run is `ms` old, else when it will be. */
  (): void;
  /** Forgets a pending run (the component is gone). */
  cancel(): void;
}

export function trailingThrottle(run: () => void, ms: number, now: () => number = () => performance.now()): Throttled {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = -Infinity;
  const request = (() => {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      last = now();
      run();
    }, Math.max(0, last + ms - now()));
  }) as Throttled;
  request.cancel = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  return request;
}
