// happy-dom lays nothing out, so a ResizeObserver never reports and Naive UI's virtual lists
// (the Compare table) think they are 0 px tall and draw no row. This one reports every observed
// element at a fixed size, as a browser would once it had laid the page out. Install it before
// naive-ui is imported (vi.hoisted): vueuc reads window.ResizeObserver once, at import.
export const LAID_OUT = { width: 1200, height: 420 };

export class LaidOutResizeObserver {
  constructor(private readonly callback: (entries: Array<{ target: Element; contentRect: typeof LAID_OUT }>, observer: unknown) => void) {}

  observe(target: Element): void {
    setTimeout(() => this.callback([{ target, contentRect: LAID_OUT }], this));
  }

  unobserve(): void {}

  disconnect(): void {}
}
