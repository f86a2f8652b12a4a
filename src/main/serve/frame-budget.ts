// A token bucket for one WebSocket: `burst` frames at once (a page asking for everything it
// shows when it opens), then `perSecond` on average. Frames past the budget wait their turn
// (Compare asks for every selected run at once), and a socket with too many waiting is closed,
// so one client cannot keep the lab busy answering. Time is passed in: tests need no clock.

export interface ServeLimits {
  /** Open TCP connections at once, page loads and WebSockets together. */
  connections: number;
  /** Open WebSockets at once. */
  sockets: number;
  /** WebSocket frames per second per socket, on average… */
  framesPerSecond: number;
  /** …and at once; past it frames wait, … */
  frameBurst: number;
  /** …up to this many; one more closes the socket. */
  queuedFrames: number;
  /** An /api request body or a WebSocket frame, in bytes. */
  bodyBytes: number;
}

export const DEFAULT_SERVE_LIMITS: ServeLimits = {
  connections: 64,
  sockets: 16,
  framesPerSecond: 200,
  frameBurst: 500,
  queuedFrames: 10_000,
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
