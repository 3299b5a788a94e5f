/**
 * The sequence metrics against independent sources:
 * - Kendall tau: SciPy 1.17.1, `scipy.stats.kendalltau(list(range(k)), perm).statistic`.
 * - RBO_ext: the reference implementation of Corsi & Urbano (SIGIR 2024,
 *   github.com/julian-urbano/sigir2024-rbo, rbo/Python/rbo.py), `rbo(x, y, p)['ext']` run locally;
 *   the first value (0.828) is also the published example of b4ny4n/rankmeasures.
 * - Levenshtein and LCS: textbook examples, and values worked by hand in the comments.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { compareSequences } from '../../src/index.js';
import { Scratch, editDistance, kendallTau, lcsLength, lisLength, rboExt } from '../../src/sequences/_internal/metrics.js';

const toks = (s: string | readonly number[]) =>
  typeof s === 'string' ? Int32Array.from([...s].map((ch) => ch.charCodeAt(0))) : Int32Array.from(s);

const lev = (a: string, b: string) => editDistance(toks(a), a.length, toks(b), b.length, new Scratch());
const lcs = (a: string, b: string) => lcsLength(toks(a), a.length, toks(b), b.length, new Scratch());
const rbo = (a: string, b: string, p: number) => rboExt(toks(a), a.length, toks(b), b.length, p, new Uint8Array(256));
const tau = (perm: number[]) => kendallTau(Int32Array.from(perm), perm.length, new Scratch());

describe('edit distance (Levenshtein, unit costs)', () => {
  test('matches the textbook examples', () => {
    expect(lev('kitten', 'sitting')).toBe(3); // Levenshtein's classic: k→s, e→i, +g
    expect(lev('flaw', 'lawn')).toBe(2); // −f, +n
    expect(lev('', 'abc')).toBe(3);
    expect(lev('abc', 'abc')).toBe(0);
  });

  test('is symmetric, bounded by the lengths and by the insert/delete distance', () => {
    const seq = fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 30 });
    fc.assert(
      fc.property(seq, seq, (a, b) => {
        const s = new Scratch();
        const d = editDistance(toks(a), a.length, toks(b), b.length, s);
        expect(editDistance(toks(b), b.length, toks(a), a.length, s)).toBe(d);
        expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
        const l = lcsLength(toks(a), a.length, toks(b), b.length, s);
        expect(d).toBeLessThanOrEqual(a.length + b.length - 2 * l);
        expect(l).toBeLessThanOrEqual(Math.min(a.length, b.length));
      }),
    );
  });
});

describe('longest common subsequence', () => {
  test('matches the textbook examples', () => {
    expect(lcs('ABCBDAB', 'BDCABA')).toBe(4); // Cormen et al., Introduction to Algorithms, §15.4 (BCBA)
    expect(lcs('AGGTAB', 'GXTXAYB')).toBe(4); // GTAB
    expect(lcs('abc', 'xyz')).toBe(0);
    expect(lcs('abcde', 'bcde')).toBe(4);
  });

  test('LIS gives the fewest moves: 3 1 2 needs one move', () => {
    expect(lisLength(Int32Array.from([2, 0, 1]), 3, new Scratch())).toBe(2);
    expect(lisLength(Int32Array.from([4, 3, 2, 1, 0]), 5, new Scratch())).toBe(1);
  });
});

describe('Kendall tau on a permutation', () => {
  // scipy.stats.kendalltau(list(range(len(q))), q).statistic, SciPy 1.17.1
  const cases: [number[], number][] = [
    [[0, 1, 2, 3, 4], 0.9999999999999999],
    [[4, 3, 2, 1, 0], -0.9999999999999999],
    [[1, 0, 2, 3, 4], 0.7999999999999999],
    [[2, 0, 4, 1, 3], 0.19999999999999998],
    [[3, 7, 1, 9, 0, 5, 2, 8, 6, 4], 0.06666666666666667],
    // random.seed(7); p = list(range(60)); random.shuffle(p) — long enough for the merge-sort path
    [
      [12, 45, 10, 40, 50, 53, 30, 16, 0, 19, 24, 11, 8, 29, 59, 51, 21, 39, 22, 47, 18, 31, 28, 42, 46, 58, 56, 49, 17, 1, 38, 33, 57, 36, 14, 7, 48, 43, 35, 44, 15, 54, 26, 27, 5, 2, 13, 32, 55, 37, 23, 6, 34, 52, 4, 3, 41, 25, 9, 20],
      -0.07570621468926554,
    ],
  ];
  test.each(cases)('tau(%j) matches SciPy', (perm, expected) => {
    expect(tau(perm)).toBeCloseTo(expected, 12);
  });
  test('is undefined for fewer than two items', () => {
    expect(tau([0])).toBeNaN();
    expect(tau([])).toBeNaN();
  });
});

describe('rank-biased overlap, RBO_ext', () => {
  // rbo(list(x), list(y), p)['ext'] from the Corsi & Urbano reference implementation
  const cases: [string, string, number, number][] = [
    ['abcde', 'bcdae', 0.9, 0.828],
    ['abc', 'acb', 0.9, 0.955],
    ['abcdefgh', 'abcxe', 0.9, 0.8505549999999998],
    ['abcdefghij', 'jihg', 0.8, 0.08284749043809526],
    ['abc', 'xyz', 0.9, 0],
    ['abc', 'abcdef', 0.9, 1],
    ['abcdef', 'fedcba', 0.5, 0.0875],
    ['abcdefghijklmnopqrst', 'bacdefghijklmnopqrts', 0.9, 0.899210028235279],
    ['abcde', 'bcde', 0.9, 0.7769699999999998],
  ];
  test.each(cases)('RBO(%s, %s, p=%d) matches the reference implementation', (a, b, p, expected) => {
    expect(rbo(a, b, p)).toBeCloseTo(expected, 12);
    expect(rbo(b, a, p)).toBeCloseTo(expected, 12);
  });

  test('worked by hand: abc vs acb at p = 0.9', () => {
    // X1 = 1, X2 = 1, X3 = 3; (1 − p)/p · (1·0.9 + ½·0.81 + 1·0.729) + 1·0.729 = 2.034/9 + 0.729
    expect(rbo('abc', 'acb', 0.9)).toBeCloseTo(2.034 / 9 + 0.729, 12);
  });

  test('is 0 against an empty list and leaves its marks cleared', () => {
    const mark = new Uint8Array(256);
    expect(rboExt(toks('abc'), 3, toks(''), 0, 0.9, mark)).toBe(0);
    expect(rboExt(toks('abc'), 3, toks('cab'), 3, 0.9, mark)).toBeGreaterThan(0);
    expect(mark.every((x) => x === 0)).toBe(true);
  });
});

describe('aggregated metrics of a report, worked by hand', () => {
  // u1: a b c d  vs a b c d   exact
  // u2: a b c    vs a c b     edit 2 (of 3), LCS 2, tau: one discordant pair of 3 → 1 − 4/6 = 1/3, RBO 0.955
  // u3: a b c d e vs b c d e  edit 1 (of 5), LCS 4, tau 1, RBO 0.77697 (reference above); cut at head
  const seq = (user: string, ids: string) => ({ user, events: [...ids].map((id) => ({ id })) });
  const legacy = [seq('u1', 'abcd'), seq('u2', 'abc'), seq('u3', 'abcde')];
  const shadow = [seq('u1', 'abcd'), seq('u2', 'acb'), seq('u3', 'bcde')];
  const r = compareSequences(legacy, shadow, { entity: 'user', assembled: true, id: 'id' });

  test('exact rate, mean edit distance, LCS precision and recall', () => {
    expect(r.counts).toMatchObject({ entities: 3, exact: 1, differing: 2 });
    expect(r.metrics.exactRate).toBeCloseTo(1 / 3, 12);
    expect(r.metrics.meanEditDistance).toBeCloseTo((0 + 2 / 3 + 1 / 5) / 3, 12);
    expect(r.metrics.precision).toBeCloseTo((4 + 2 + 4) / (4 + 3 + 4), 12);
    expect(r.metrics.recall).toBeCloseTo((4 + 2 + 4) / (4 + 3 + 5), 12);
  });

  test('Kendall tau and RBO are means over entities', () => {
    expect(r.metrics.kendallTau).toBeCloseTo((1 + 1 / 3 + 1) / 3, 12);
    expect(r.metrics.kendallEntities).toBe(3);
    expect(r.metrics.rbo).toBeCloseTo((1 + 0.955 + 0.7769699999999998) / 3, 12);
    expect(r.metrics.meanLengthDelta).toBeCloseTo(-1 / 3, 12);
  });

  test('classes: u2 reordered (one event moved), u3 cut at head by one event', () => {
    expect(r.classes.map((c) => [c.class, c.entities, c.events, c.examples])).toEqual([
      ['cut-head', 1, 1, ['u3']],
      ['reordered', 1, 1, ['u2']],
    ]);
    expect(r.firstDivergence.absolute.filter((b) => b.count > 0)).toEqual([
      { label: '0', count: 1 }, // u3
      { label: '1', count: 1 }, // u2
    ]);
  });
});
