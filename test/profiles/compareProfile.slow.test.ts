/**
 * The long run of compareProfile's false-fail simulation and of the merge property (the bounded
 * versions are in compareProfile.test.ts and profile.test.ts). The table this prints is the one
 * in docs/compareProfile.md.
 */
import { describe, expect, test } from 'vitest';
import { compareProfile } from '../../src/profiles/compareProfile.js';
import { sample, type Shape } from './_data.js';

process.env.PROFILE_RUNS = '400';
await import('./profile.test.js');

describe('compareProfile false-fail rate, long run', () => {
  const reps = 1000;
  const cases: [Shape, number][] = [['normal', 1000], ['skewed', 1000], ['heavy', 1000], ['ties', 50], ['sparse', 1000], ['normal', 20]];
  test.each(cases)('%s, n = %i: at most alpha', (shape, n) => {
    for (const alpha of [0.05, 0.1]) {
      let fails = 0;
      for (let k = 0; k < reps; k++) if (compareProfile(sample(50_000 + 2 * k, n, shape), sample(50_001 + 2 * k, n, shape), { alpha }).verdict !== 'pass') fails++;
      const rate = fails / reps;
      const se = Math.sqrt((rate * (1 - rate)) / reps);
      console.log(`| ${shape} | ${n} | ${alpha} | ${rate.toFixed(3)} | ${se.toFixed(3)} |`);
      expect(rate).toBeLessThanOrEqual(alpha + 2 * Math.sqrt((alpha * (1 - alpha)) / reps));
    }
  });
});
