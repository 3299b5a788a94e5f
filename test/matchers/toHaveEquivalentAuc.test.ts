import { describe, expect, test } from 'vitest';
import { createRng } from '../../src/stats/_internal/prng.js';
import { thrownMessage } from '../_helpers/stripAnsi.js';

function models(seed: number, n: number, shadowSep: number) {
  const rng = createRng(seed);
  const labels = Array.from({ length: n }, () => (rng.nextFloat() < 0.3 ? 1 : 0));
  const base = labels.map(() => rng.nextNormal());
  return {
    labels,
    legacy: labels.map((y, i) => 1.2 * y + base[i]),
    shadow: labels.map((y, i) => shadowSep * y + 0.95 * base[i] + 0.3 * rng.nextNormal()),
  };
}

describe('.toHaveEquivalentAuc', () => {
  test('passes when the DeLong lower bound of the AUC difference is above −margin', () => {
    const m = models(1, 3000, 1.2);
    expect(m.shadow).toHaveEquivalentAuc(m.legacy, { labels: m.labels, margin: 0.03 });
  });

  test('fails when the shadow model ranks clearly worse', () => {
    const m = models(2, 3000, 0.4);
    const message = thrownMessage(() => expect(m.shadow).toHaveEquivalentAuc(m.legacy, { labels: m.labels, margin: 0.03 }));
    expect(message).toMatchInlineSnapshot(`
      "expect(shadow).toHaveEquivalentAuc(legacy, options)

      Shadow AUC is inferior to legacy: AUC_shadow − AUC_legacy = -0.1913 is shown to be below −0.03 (90% CI [-0.1995, -0.1833]).

      Observed vs required (DeLong non-inferiority, α = 0.05):
        AUC            shadow 0.5937, legacy 0.785, difference -0.1913
        90% CI         [-0.1995, -0.1833]   required lower end > −0.03, short by 0.1695
        p-value        1 (H0: difference ≤ −0.03)   required < 0.05
        DeLong         se 0.00489, correlation of the two AUCs 0.9088
        examples       870 positive, 2,130 negative
      Hint: if an AUC loss of 0.21 is acceptable for this model, set margin to 0.21."
    `);
  });

  test('throws a TypeError for labels that are not binary', () => {
    expect(() => expect([0.1, 0.2]).toHaveEquivalentAuc([0.1, 0.3], { labels: [1, 2], margin: 0.01 })).toThrow(TypeError);
  });
});

describe('.not.toHaveEquivalentAuc', () => {
  test('is refused', () => {
    const m = models(3, 100, 1.2);
    expect(() => expect(m.shadow).not.toHaveEquivalentAuc(m.legacy, { labels: m.labels, margin: 0.01 })).toThrow(
      '.not.toHaveEquivalentAuc() is not supported: failing to show non-inferiority is no proof of inferiority',
    );
  });
});
