// Seeded pseudo-random numbers with explicit, serialisable state (xoshiro128**).
// Every random draw in Sweeplab goes through an Rng passed in by the caller, so the same
// seed gives bit-identical runs and a checkpoint can store the state and resume exactly.
// Not cryptographic.

/** The four 32-bit words of xoshiro128** state; copy it to checkpoint, restore it to resume. */
export type RngState = readonly [number, number, number, number];

export interface Rng {
  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number;
  /** Standard normal N(0, 1) by Box–Muller; the spare value is dropped so state stays 4 words. */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  state(): RngState;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Expands an integer seed (any safe integer) into a full state, as the xoshiro authors advise. */
export function seedState(seed: number): RngState {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  const next = splitmix32((seed >>> 0) ^ Math.floor(seed / 2 ** 32));
  return [next(), next(), next(), next()];
}

export function createRng(seedOrState: number | RngState): Rng {
  const s = Uint32Array.from(typeof seedOrState === 'number' ? seedState(seedOrState) : seedOrState);
  if (s[0] === 0 && s[1] === 0 && s[2] === 0 && s[3] === 0) throw new RangeError('xoshiro state must not be all zero');

  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  };
  const uniform = (): number => ((nextU32() >>> 5) * 67108864 + (nextU32() >>> 6)) / 9007199254740992;

  return {
    uniform,
    normal() {
      // 1 - u keeps the logarithm's argument in (0, 1].
      const u1 = 1 - uniform();
      const u2 = uniform();
      return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    },
    int(n) {
      if (!(Number.isInteger(n) && n > 0)) throw new RangeError(`int(n) needs a positive integer, got ${n}`);
      return Math.floor(uniform() * n);
    },
    state: () => [s[0], s[1], s[2], s[3]],
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Fisher–Yates shuffle in place. */
export function shuffleInPlace(order: Uint32Array | Int32Array, rng: Rng): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
}
