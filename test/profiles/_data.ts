import { createRng } from '../../src/stats/_internal/prng.js';

/** The shapes the profile simulation draws from (STYLE 12b). */
export type Shape = 'normal' | 'skewed' | 'heavy' | 'ties' | 'sparse';

/** One row drawn from a fixed distribution: numeric `x` of the given shape, category, nullable field. */
export function sample(seed: number, n: number, shape: Shape) {
  const r = createRng(seed);
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const z = r.nextNormal();
    let x: number;
    switch (shape) {
      case 'normal':
        x = 10 + 2 * z;
        break;
      case 'skewed':
        x = Math.exp(z);
        break;
      case 'heavy':
        x = z / Math.sqrt(-2 * Math.log(r.nextFloat() + 1e-300) / 3 + 1e-12); // normal over √(χ²₃/3)-like scale: heavy tails
        break;
      case 'ties':
        x = r.nextInt(5);
        break;
      case 'sparse':
        x = r.nextFloat() < 0.97 ? 0 : 1 + r.nextInt(100);
        break;
    }
    const u = r.nextFloat();
    rows.push({ x, cat: u < 0.5 ? 'a' : u < 0.8 ? 'b' : u < 0.99 ? 'c' : 'rare', note: r.nextFloat() < 0.05 ? null : 'ok' });
  }
  return rows;
}

/** Events for the ground-truth tests: 7 columns, deterministic for a seed. */
export function events(n: number, seed = 1) {
  const r = createRng(seed);
  return Array.from({ length: n }, (_, i) => ({
    id: i,
    type: ['click', 'view', 'buy', 'cart'][r.nextInt(4)],
    price: Math.round(Math.exp(r.nextNormal()) * 100) / 100,
    qty: 1 + r.nextInt(9),
    ts: 1_700_000_000_000 + i * 1000,
    country: r.nextFloat() < 0.3 ? 'us' : 'de',
    score: r.nextFloat(),
  }));
}
