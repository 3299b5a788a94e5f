import { createRng } from '../src/stats/_internal/prng.js';

/** Uniform [0, 1) floats from the project's seeded PRNG (xoshiro128**), for reproducible inputs. */
export function seededFloats(seed: number): () => number {
  const rng = createRng(seed);
  return () => rng.nextFloat();
}
