// A token bucket for one WebSocket: `burst` frames at once (a page asking for everything it
// shows when it opens), then `perSecond` on average. The server closes a socket that runs dry,
// so one client cannot keep the lab busy answering. Time is passed in, so tests need no clock.

export interface ServeLimits {
  /** Open TCP connections at once, page loads and WebSockets together. */
  connections: number;
  /** Open WebSockets at once. */
  sockets: number;
  /** WebSocket frames per second per socket, on average… */
  framesPerSecond: number;
  /** …and at once. */
  frameBurst: number;
  /** An /api request body or a WebSocket frame, in bytes. */
  bodyBytes: number;
}

export const DEFAULT_SERVE_LIMITS: ServeLimits = {
  connections: 64,
  sockets: 16,
  framesPerSecond: 50,
  frameBurst: 200,
  bodyBytes: 1 << 20,
};

export class FrameBudget {
  private tokens: number;
  private last: number;

  constructor(private readonly perSecond: number, private readonly burst: number, now: number) {
    this.tokens = burst;
    this.last = now;
  }

  /** Spends one frame; false when the socket has used up its budget. */
  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
