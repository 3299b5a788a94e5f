import { describe, expect, test } from 'vitest';
import { fc } from '@fast-check/vitest';
import { aucDeLong } from '../../src/stats/aucDeLong.js';
import { cases, expectRel, ref } from '../_helpers/statsModelsReference.js';

describe('aucDeLong', () => {
  test.each(cases(ref.delong))('agrees with Mann–Whitney U/(mn) and the reference DeLong SE (case %i)', (_i, c) => {
    const a = aucDeLong(c.a, c.labels);
    expectRel(a.auc, c.mannWhitneyA, 1e-12, 'mannwhitneyu(pos, neg).statistic / (m n)');
    expectRel(a.se, c.seA, 1e-9, c.call);
    expectRel(aucDeLong(c.b, c.labels).se, c.seB, 1e-9, c.call);
  });

  test('counts tied positive–negative pairs as ½ (AUC of a constant scorer is 0.5)', () => {
    expect(aucDeLong([0.3, 0.3, 0.3, 0.3], [1, 0, 1, 0]).auc).toBe(0.5);
    expect(aucDeLong([0.9, 0.8, 0.3, 0.6, 0.2, 0.1], [1, 1, 1, 0, 0, 0]).auc).toBeCloseTo(8 / 9, 15);
  });

  test('equals the pairwise definition, is invariant to monotone maps and flips with the labels', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.boolean()), { minLength: 4, maxLength: 40 }),
        (rows) => {
          const scores = rows.map(([s]) => s);
          const labels = rows.map(([, l]) => l);
          const m = labels.filter(Boolean).length;
          fc.pre(m >= 2 && rows.length - m >= 2);
          let wins = 0;
          for (let i = 0; i < rows.length; i++)
            for (let j = 0; j < rows.length; j++)
              if (labels[i] && !labels[j]) wins += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
          const r = aucDeLong(scores, labels);
          expect(r.auc).toBeCloseTo(wins / (m * (rows.length - m)), 12);
          expect(aucDeLong(scores.map((s) => Math.exp(s / 3)), labels).auc).toBeCloseTo(r.auc, 12);
          expect(aucDeLong(scores, labels.map((l) => !l)).auc).toBeCloseTo(1 - r.auc, 12);
          expect(r.ci[0]).toBeGreaterThanOrEqual(0);
          expect(r.ci[1]).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  test('refuses non-binary labels and a class with fewer than 2 examples', () => {
    expect(() => aucDeLong([1, 2, 3], [1, 0, 2])).toThrowErrorMatchingInlineSnapshot(
      `[ShadowOptionError: aucDeLong: labels[2] must be 0, 1, false or true, got 2]`,
    );
    expect(() => aucDeLong([1, 2, 3, 4], [1, 0, 0, 0])).toThrow('needs at least 2 positive and 2 negative examples, got 1 positive and 3 negative');
    expect(() => aucDeLong([1, 2, 3], [1, 0])).toThrow('labels must have one entry per score, got 2 labels for 3 scores');
  });
});
