/**
 * The seedable pseudo-random generator behind every stochastic step of src/stats (bootstrap
 * resampling, simulations). No `Math.random`: the same seed replays the same stream on every
 * platform.
 *
 * Algorithm: xoshiro128** 1.1 (Blackman & Vigna, https://prng.di.unimi.it/xoshiro128starstar.c),
 * 32-bit state words, period 2^128 − 1. The 128-bit state is filled from the 32-bit seed by
 * four successive SplitMix32 outputs (increment 0x9e3779b9, mixer constants 0x21f0aaad and
 * 0x735a2d97), so neighbouring seeds give unrelated streams.
 */

/** A seeded random stream. */
export interface Rng {
  /** The seed the stream started from. */
  readonly seed: number;
  /** Next raw 32-bit output of xoshiro128**, as an unsigned integer. */
  nextUint32(): number;
  /** Uniform double in [0, 1) with 53 random bits (two 32-bit outputs). */
  nextFloat(): number;
  /** Uniform integer in [0, n), n ≤ 2^32 (floor of a 53-bit uniform times n; bias below n·2^-53). */
  nextInt(n: number): number;
  /** Standard normal deviate (Marsaglia polar method; consumes pairs of uniforms, caches the spare). */
  nextNormal(): number;
}

/** Raw xoshiro128** from an explicit 4-word state (for known-answer tests of the algorithm). */
export function xoshiro128ssFromState(state: readonly [number, number, number, number]): () => number {
  let s0 = state[0] >>> 0;
  let s1 = state[1] >>> 0;
  let s2 = state[2] >>> 0;
  let s3 = state[3] >>> 0;
  if ((s0 | s1 | s2 | s3) === 0) throw new RangeError('xoshiro128**: the state must not be all zero');
  return () => {
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    return result;
  };
}

/** SplitMix32 outputs from a 32-bit seed, used only to fill the xoshiro state. */
function splitMix32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let z = a;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
}

/**
 * Creates a random stream from a non-negative 32-bit integer seed.
 *
 * @example
 * const rng = createRng(42);
 * rng.nextInt(10); // the same value for seed 42 on every run
 */
export function createRng(seed: number): Rng {
  const sm = splitMix32(seed);
  let st: [number, number, number, number] = [sm(), sm(), sm(), sm()];
  if ((st[0] | st[1] | st[2] | st[3]) === 0) st = [1, 0, 0, 0];
  const next = xoshiro128ssFromState(st);
  let spare = NaN;
  const nextFloat = () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
  return {
    seed,
    nextUint32: next,
    nextFloat,
    nextInt: (n: number) => Math.floor(nextFloat() * n),
    nextNormal() {
      if (spare === spare) {
        const s = spare;
        spare = NaN;
        return s;
      }
      let u: number;
      let v: number;
      let q: number;
      do {
        u = 2 * nextFloat() - 1;
        v = 2 * nextFloat() - 1;
        q = u * u + v * v;
      } while (q >= 1 || q === 0);
      const f = Math.sqrt((-2 * Math.log(q)) / q);
      spare = v * f;
      return u * f;
    },
  };
}
