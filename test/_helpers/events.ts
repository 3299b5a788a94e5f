import { createRng } from '../../src/stats/_internal/prng.js';

/** Seeded event builders for tests: the ground truth is what the test injects, never engine output. */
export function rng(seed: number): () => number {
  const r = createRng(seed);
  return () => r.nextFloat();
}

export interface TestEvent {
  id: string;
  user: string;
  type: string;
  ts: number;
  price: number;
  geo: { city: string; lat: number };
  tags: string[];
  [k: string]: unknown;
}

/** n events with distinct ids `e0…`, deterministic for a seed. */
export function makeEvents(n: number, seed = 1): TestEvent[] {
  const r = rng(seed);
  const cities = ['Paris', 'Lyon', 'Oslo'];
  return Array.from({ length: n }, (_, i) => ({
    id: `e${i}`,
    user: `u${Math.floor(r() * 20)}`,
    type: ['click', 'save', 'search'][i % 3],
    ts: 1_700_000_000_000 + i * 1000,
    price: Math.round(r() * 10000) / 100,
    geo: { city: cities[Math.floor(r() * 3)], lat: 40 + Math.round(r() * 1000) / 100 },
    tags: r() < 0.5 ? ['a', 'b'] : ['c'],
  }));
}

/** Deep copy of plain event rows. */
export const clone = <T>(rows: T[]): T[] => structuredClone(rows);

/** Fisher-Yates shuffle with a seed, returning a new array. */
export function shuffled<T>(rows: readonly T[], seed: number): T[] {
  const r = rng(seed);
  const out = [...rows];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** `k` distinct indices in [0, n), deterministic for a seed, excluding `avoid`. */
export function pickIndices(n: number, k: number, seed: number, avoid: Set<number> = new Set()): number[] {
  const r = rng(seed);
  const out = new Set<number>();
  while (out.size < k) {
    const i = Math.floor(r() * n);
    if (!avoid.has(i)) out.add(i);
  }
  return [...out].sort((a, b) => a - b);
}
