import { describe, expect, test } from 'vitest';
import { compareAuc } from '../../src/outputs/compareAuc.js';
import { compareEquivalence } from '../../src/outputs/compareEquivalence.js';
import { createRng } from '../../src/stats/_internal/prng.js';
import { aucDesigns, equivalenceDesigns } from './_scenarios.js';

// The long run of falsePassRates.test.ts (npm run test:slow): every design of issue 11 at 1,000
// replications (SE ≈ 0.7 points at 5%), each rate ≤ α + 2·SE. scripts/simulate.ts prints the
// same designs as the table in docs/.
const alpha = 0.05;
const R = 1000;
const ceiling = alpha + 2 * Math.sqrt((alpha * (1 - alpha)) / R);

describe('false-pass rates at the margin (1,000 replications)', () => {
  test.each(equivalenceDesigns().map((d) => [d.name, d] as const))('compareEquivalence %s', (_name, design) => {
    for (const sign of [1, -1] as const) {
      const rng = createRng(20261206 + design.n + (sign > 0 ? 0 : 1));
      let pass = 0;
      for (let k = 0; k < R; k++) {
        const { legacy, shadow } = design.make(rng, sign);
        if (compareEquivalence(legacy, shadow, { margin: design.margin, paired: design.paired, seed: k }).verdict === 'pass') pass++;
      }
      expect(pass / R, `${design.name}, sign ${sign}`).toBeLessThanOrEqual(ceiling);
    }
  });

  test.each(aucDesigns().map((d) => [d.name, d] as const))('compareAuc %s', (_name, design) => {
    const rng = createRng(20261207 + design.positives);
    let pass = 0;
    for (let k = 0; k < R; k++) {
      const { legacy, shadow, labels } = design.make(rng);
      if (compareAuc(legacy, shadow, { labels, margin: design.margin }).verdict === 'pass') pass++;
    }
    expect(pass / R).toBeLessThanOrEqual(ceiling);
  });
});
