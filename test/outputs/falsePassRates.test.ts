import { describe, expect, test } from 'vitest';
import { compareAuc } from '../../src/outputs/compareAuc.js';
import { compareEquivalence } from '../../src/outputs/compareEquivalence.js';
import { createRng } from '../../src/stats/_internal/prng.js';
import { aucDesigns, equivalenceDesigns } from './_scenarios.js';

// Bounded runs of issue 11's error-rate simulations: the truth sits exactly at the decision
// boundary, so every pass is a false pass; each rate must be ≤ α + 2·SE (SE = √(α(1 − α)/R)).
// The long runs (1,000+ replications, every design) are in falsePassRates.slow.test.ts and
// scripts/simulate.ts, whose table is in docs/compareEquivalence.md and docs/compareAuc.md.
const alpha = 0.05;
const ceiling = (r: number) => alpha + 2 * Math.sqrt((alpha * (1 - alpha)) / r);

describe('false-pass rates at the margin (bounded seeded runs)', () => {
  test('a constant shift computed in floating point is not evidence (zero variance up to rounding)', () => {
    // shadow = legacy + 0.0099 has differences whose SD is ~1e-17, not 0; with margin 0.01 the
    // old guard (variance > 0) passed with an interval 1e-17 wide
    const rng = createRng(3);
    const legacy = Array.from({ length: 20 }, () => 0.05 + 3 * rng.nextFloat()); // several binades: unequal rounding
    const shadow = legacy.map((v) => v + 0.0099);
    const d = shadow.map((v, i) => v - legacy[i]);
    expect(new Set(d).size).toBeGreaterThan(1); // the rounding really makes the differences unequal
    const r = compareEquivalence(legacy, shadow, { margin: 0.01, paired: true });
    expect([r.verdict, r.reasons[0].code]).toEqual(['inconclusive', 'ZERO_VARIANCE']);
    const beyond = compareEquivalence(legacy, legacy.map((v) => v + 0.0101), { margin: 0.01, paired: true });
    expect([beyond.verdict, beyond.reasons[0].code]).toEqual(['fail', 'CONSTANT_DIFFERENCE_BEYOND_MARGIN']);
  });

  const R = 200;
  const designs = equivalenceDesigns().filter((d) => /sparse \(10% changed\) n=200$|skewed \(lognormal\) n=20$|Welch skewed/.test(d.name));
  test.each(designs.map((d) => [d.name, d] as const))('compareEquivalence %s: false-pass rate ≤ α + 2·SE (200 replications per sign)', (_name, design) => {
    for (const sign of [1, -1] as const) {
      const rng = createRng(11 + design.n + (sign > 0 ? 0 : 1));
      let pass = 0;
      for (let k = 0; k < R; k++) {
        const { legacy, shadow } = design.make(rng, sign);
        if (compareEquivalence(legacy, shadow, { margin: design.margin, paired: design.paired, seed: k }).verdict === 'pass') pass++;
      }
      expect(pass / R, `${design.name}, sign ${sign}`).toBeLessThanOrEqual(ceiling(R));
    }
  });

  const aucR = 300;
  test.each(aucDesigns().filter((d) => d.positives <= 30).map((d) => [d.name, d] as const))(
    'compareAuc %s: false-pass rate ≤ α + 2·SE (300 replications)',
    (_name, design) => {
      const rng = createRng(17 + design.positives);
      let pass = 0;
      for (let k = 0; k < aucR; k++) {
        const { legacy, shadow, labels } = design.make(rng);
        if (compareAuc(legacy, shadow, { labels, margin: design.margin }).verdict === 'pass') pass++;
      }
      expect(pass / aucR).toBeLessThanOrEqual(ceiling(aucR));
    },
  );

  test('the checks still pass when the truth is well inside the margin (not vacuous)', () => {
    const rng = createRng(5);
    // sparse changes at n = 5,000: skewness γ ≈ 6/√5000 = 0.085, under MAX_ESTIMATE_SKEWNESS
    const legacy = Array.from({ length: 5000 }, () => 0.5 + 0.1 * rng.nextNormal());
    const shadow = legacy.map((v) => v + (rng.nextFloat() < 0.1 ? 0.01 * -Math.log(1 - rng.nextFloat()) : 0));
    const r = compareEquivalence(legacy, shadow, { margin: 0.01, paired: true });
    expect([r.verdict, r.interval]).toEqual(['pass', 't ∪ bootstrap-t']);
    const labels = Array.from({ length: 1000 }, (_, i) => (i < 300 ? 1 : 0));
    const l = labels.map((y) => y * 1.5 + rng.nextNormal());
    const s = l.map((v) => v + 0.05 * rng.nextNormal());
    expect(compareAuc(l, s, { labels, margin: 0.02 }).verdict).toBe('pass');
  });
});
