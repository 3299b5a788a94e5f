import { afterEach, describe, expect, test } from 'vitest';
import { resetShadowFamilies } from '../../matchers/index.js';
import { adjustPValues } from '../../src/stats/adjustPValues.js';
import { tostPaired } from '../../src/stats/tostPaired.js';
import { createRng } from '../../src/stats/_internal/prng.js';
import { thrownMessage } from '../_helpers/stripAnsi.js';

const rng = createRng(7);
const legacy = Array.from({ length: 400 }, () => 0.5 + 0.1 * rng.nextNormal());
const close = legacy.map((v) => v + 0.002 * rng.nextNormal());
const few = { legacy: [0.61, 0.42, 0.55, 0.48, 0.7, 0.52], shadow: [0.6, 0.45, 0.57, 0.47, 0.74, 0.5] };

afterEach(() => resetShadowFamilies());

describe('.toBeEquivalentTo', () => {
  test('passes when the paired TOST interval lies inside ±margin', () => {
    expect(close).toBeEquivalentTo(legacy, { margin: 0.001, paired: true });
  });

  test('passes for independent samples (Welch) when the interval fits', () => {
    const other = Array.from({ length: 400 }, () => 0.5 + 0.1 * rng.nextNormal());
    expect(other).toBeEquivalentTo(legacy, { margin: 0.05 });
  });

  test('fails as inconclusive for a small sample, saying which margin the data support', () => {
    const message = thrownMessage(() => expect(few.shadow).toBeEquivalentTo(few.legacy, { margin: 0.01, paired: true }));
    expect(message).toMatchInlineSnapshot(`
      "expect(shadow).toBeEquivalentTo(legacy, options)

      Equivalence not shown (inconclusive): the 90% CI of the mean difference (shadow − legacy), [-0.0121, 0.02876], reaches beyond the margin ±0.01.

      Observed vs required (paired TOST, α = 0.05 per side):
        difference     0.008333 (shadow mean 0.555 − legacy mean 0.5467)
        90% CI         [-0.0121, 0.02876]   required inside (−0.01, 0.01), beyond by 0.01876 · t ∪ bootstrap-t (seed 0, 1,999 resamples, skewness γ 0.03752)
        TOST p-value   0.4379 (lower 0.06517, upper 0.4379)   required < 0.05
        sample         n 6 pairs · sd legacy 0.09873, shadow 0.1075, differences 0.02483 · df 5

      Supported margin: these data show equivalence only for a margin > 0.02876; ±0.01 needs about 55 pairs at 80% power (if the true difference is 0).
      Hint: collect more scores (about 55 pairs) or, if a difference of 0.03 is benign, widen margin to 0.03."
    `);
  });

  test('fails when the shadow is shifted beyond the margin', () => {
    const message = thrownMessage(() => expect(legacy.map((v) => v + 0.03)).toBeEquivalentTo(legacy.map((v, i) => v + 0.001 * Math.cos(i)), { margin: 0.01, paired: true }));
    expect(message.split('\n')[2]).toMatchInlineSnapshot(`"Shadow is not equivalent to legacy: the mean difference (shadow − legacy) is shown to exceed the margin ±0.01 (90% CI [0.02994, 0.03006])."`);
  });

  test('records the report on the test for reporters', ({ task }) => {
    expect(close).toBeEquivalentTo(legacy, { margin: 0.001, paired: true, label: 'ctr model' });
    expect(task.meta.shadowReports![0]).toMatchObject({ matcher: 'toBeEquivalentTo', report: { kind: 'equivalence', verdict: 'pass', label: 'ctr model' } });
  });

  test('keyed inputs: Maps pair by key, rows by { key, value }', () => {
    const l = new Map(legacy.map((v, i) => [`u${i}`, v]));
    const s = new Map([...l].reverse().map(([k, v], i) => [k, v + 0.0001 * Math.sin(i)]));
    expect(s).toBeEquivalentTo(l, { margin: 0.001, paired: true });
    const lr = legacy.map((v, i) => ({ id: i, score: v }));
    const sr = close.map((v, i) => ({ id: i, score: v })).reverse();
    expect(sr).toBeEquivalentTo(lr, { margin: 0.001, paired: true, key: 'id', value: 'score' });
  });

  test('a family of assertions is Holm-adjusted: a member that passes alone does not pass as one of three', () => {
    const family = { name: 'models', size: 3 };
    // Two members that do not show equivalence (TOST p ≈ 0.5) are recorded all the same …
    thrownMessage(() => expect(few.shadow).toBeEquivalentTo(few.legacy, { margin: 0.01, paired: true, family, label: 'a' }));
    thrownMessage(() => expect(few.shadow).toBeEquivalentTo(few.legacy, { margin: 0.01, paired: true, family, label: 'b' }));
    // … so a third with TOST p ≈ 0.03, which passes alone, is the smallest of three: Holm ×3 ≈ 0.09.
    const shifted = legacy.map((v, i) => v + 0.0002 + 0.002 * Math.sin(i));
    const margin = tostPaired(shifted, legacy, { margin: 1, alpha: 0.03 }).ci[1] * 1.000001;
    expect(shifted).toBeEquivalentTo(legacy, { margin, paired: true });
    const p = tostPaired(shifted, legacy, { margin }).pValue;
    const pFew = tostPaired(few.shadow, few.legacy, { margin: 0.01 }).pValue;
    expect(adjustPValues([p, pFew, pFew], 'holm')[0]).toBeCloseTo(3 * p, 12);
    const message = thrownMessage(() => expect(shifted).toBeEquivalentTo(legacy, { margin, paired: true, family, label: 'c' }));
    expect(message).toContain(`family         'models' (holm, 3 members, 3 seen; unseen count as p = 1): p 0.03 → adjusted 0.09 ≥ 0.05`);
  });

  test('throws a TypeError for bad receivers, NaN scores and bad options', () => {
    expect(() => expect(42).toBeEquivalentTo(legacy, { margin: 0.01 })).toThrow(TypeError);
    expect(() => expect([0.1, NaN]).toBeEquivalentTo([0.1, 0.2], { margin: 0.01 })).toThrow('compareEquivalence: shadow[1] must be a finite number, got NaN');
    expect(() => expect(close).toBeEquivalentTo(legacy.slice(1), { margin: 0.01, paired: true })).toThrow('paired data must have one shadow value per legacy value');
    expect(() => expect(close).toBeEquivalentTo(legacy, { margin: -1 })).toThrow('margin must be a finite number >= 0, got -1');
    expect(() => expect(close).toBeEquivalentTo(legacy, { margin: 0.1, family: { name: 'x', size: 2, pValues: [] } as never })).toThrow(
      'family.pValues is filled by the matcher',
    );
  });

  test('never passes an empty sample', () => {
    expect(() => expect([]).toBeEquivalentTo(legacy, { margin: 0.01 })).toThrow('shadow has no scores');
  });
});

describe('.toBeEquivalentTo with asymmetric bounds', () => {
  test('passes when the shadow may be better but is not worse by more than the lower bound', () => {
    // shadow scores 0.02 higher: outside ±0.01, inside (−0.01, ∞)
    const better = close.map((v) => v + 0.02);
    expect(better).toBeEquivalentTo(legacy, { bounds: { low: -0.01, high: Infinity }, paired: true });
    expect(() => expect(better).toBeEquivalentTo(legacy, { margin: 0.01, paired: true })).toThrow('Shadow is not equivalent to legacy');
    const worse = close.map((v) => v - 0.02);
    expect(() => expect(worse).toBeEquivalentTo(legacy, { bounds: { low: -0.01, high: Infinity }, paired: true })).toThrow('exceed the margin (-0.01, ∞)');
  });
});

describe('.not.toBeEquivalentTo', () => {
  test('is refused: failing to show equivalence is no proof of difference', () => {
    expect(() => expect(legacy.map((v) => v + 1)).not.toBeEquivalentTo(legacy, { margin: 0.01 })).toThrowErrorMatchingInlineSnapshot(`[TypeError: .not.toBeEquivalentTo() is not supported: failing to show equivalence is no proof of difference (a small or noisy sample shows neither); assert a difference with a test of difference instead]`);
  });
});
