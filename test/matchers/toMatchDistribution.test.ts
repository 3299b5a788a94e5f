import { describe, expect, test } from 'vitest';
import { createRng } from '../../src/stats/_internal/prng.js';
import { thrownMessage } from '../_helpers/stripAnsi.js';

const normals = (seed: number, n: number, mu: number) => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => mu + 0.1 * rng.nextNormal());
};
const legacy = normals(1, 3000, 0.5);

describe('.toMatchDistribution', () => {
  test('passes when every upper bound is within its maximum', () => {
    expect(normals(2, 3000, 0.5)).toMatchDistribution(legacy, { maxKs: 0.1, maxWasserstein: 0.01, maxPsi: 0.05, seed: 1 });
  });

  test('fails when a distance is shown above its maximum, with the bounds table and replay seed', () => {
    const message = thrownMessage(() => expect(normals(3, 3000, 0.53)).toMatchDistribution(legacy, { maxWasserstein: 0.01, maxJensenShannon: 0.05, seed: 9 }));
    expect(message).toMatchInlineSnapshot(`
      "expect(shadow).toMatchDistribution(legacy, options)

      Shadow distribution differs from legacy: Wasserstein-1 0.02949, 95% upper bound 0.03381 > maximum 0.01.

      Observed vs required (legacy is the reference; bounds at 95%):
        distance        observed  bounds              required      gap  method     verdict
        Wasserstein-1    0.02949  [0.02071, 0.03381]    ≤ 0.01  0.02381  bootstrap  fail
        Jensen–Shannon      0.11  [0.05328, 0.1235]     ≤ 0.05   0.0735  bootstrap  fail

      Samples:
        side        n    mean     p10  median     p90
        legacy  3,000  0.4993  0.3703  0.4996  0.6243
        shadow  3,000  0.5288  0.4021  0.5304  0.6539

      Legacy 10-quantile bins with the largest share change:
        bin               legacy  shadow  change
        (0.6243, ∞)        10.0%   17.6%  +7.6 pp
        (−∞, 0.3703]       10.0%    5.2%  -4.8 pp
        (0.3703, 0.4142]   10.0%    7.3%  -2.7 pp
        (0.5531, 0.5843]   10.0%   12.4%  +2.4 pp
        (0.4741, 0.4996]   10.0%    8.2%  -1.8 pp
      Replay: seed 9 (999 bootstrap resamples)
      Hint: if a Wasserstein-1 of 0.035 is benign for the models downstream, raise maxWasserstein to 0.035.
      Hint: if a Jensen–Shannon of 0.13 is benign for the models downstream, raise maxJensenShannon to 0.13."
    `);
  });

  test('records the seed in the report', ({ task }) => {
    expect(normals(2, 3000, 0.5)).toMatchDistribution(legacy, { maxPsi: 0.05, seed: 42 });
    expect(task.meta.shadowReports![0].report).toMatchObject({ kind: 'distribution', seed: 42, verdict: 'pass' });
  });

  test('throws a TypeError without a bound or with a bad receiver', () => {
    expect(() => expect(legacy).toMatchDistribution(legacy, {} as never)).toThrow(TypeError);
    expect(() => expect('scores').toMatchDistribution(legacy, { maxKs: 0.1 })).toThrow(TypeError);
  });
});

describe('.not.toMatchDistribution', () => {
  test('is refused', () => {
    expect(() => expect(legacy).not.toMatchDistribution(legacy, { maxKs: 0.1 })).toThrow(
      '.not.toMatchDistribution() is not supported: an upper bound above the maximum is no proof that the distributions differ',
    );
  });
});
