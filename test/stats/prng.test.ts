import { describe, expect, test } from 'vitest';
import { createRng, xoshiro128ssFromState } from '../../src/stats/_internal/prng.js';
import { ref } from '../_helpers/statsModelsReference.js';

describe('createRng (xoshiro128**)', () => {
  test('reproduces the reference algorithm from state [1, 2, 3, 4]', () => {
    const next = xoshiro128ssFromState(ref.xoshiro.state);
    expect(Array.from({ length: 10 }, next)).toEqual(ref.xoshiro.outputs);
  });

  test('the same seed replays the same stream; neighbouring seeds differ', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const xs = Array.from({ length: 5 }, () => a.nextFloat());
    expect(Array.from({ length: 5 }, () => b.nextFloat())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.nextFloat())).not.toEqual(xs);
  });

  test('uniforms, integers and normals have the right first two moments (n = 200,000)', () => {
    const rng = createRng(1);
    const n = 200_000;
    let su = 0;
    let sn = 0;
    let sn2 = 0;
    const counts = new Array(7).fill(0);
    for (let i = 0; i < n; i++) {
      const u = rng.nextFloat();
      expect(u >= 0 && u < 1).toBe(true);
      su += u;
      counts[rng.nextInt(7)]++;
      const z = rng.nextNormal();
      sn += z;
      sn2 += z * z;
    }
    // 5-sigma bands: mean of U(0,1) has sd 0.289/√n; of N(0,1) 1/√n; var of N(0,1) estimate sd √(2/n).
    expect(Math.abs(su / n - 0.5)).toBeLessThan((5 * 0.2887) / Math.sqrt(n));
    expect(Math.abs(sn / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(sn2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    for (const k of counts) expect(Math.abs(k - n / 7)).toBeLessThan(5 * Math.sqrt((n * 6) / 49));
  });
});
