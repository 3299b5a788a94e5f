import { describe, expect, test } from 'vitest';
import { calibrateNoise } from '../../src/noise/calibrateNoise.js';
import { excessOverNoise } from '../../src/noise/excessOverNoise.js';
import { compareEvents } from '../../src/events/compareEvents.js';
import { renderReport } from '../../src/report/renderReport.js';
import { every, run } from './_data.js';

const N = 20_000;
const legacy = run(N, () => false);
const replay = run(N, every(N, 0.02), 'r'); // legacy disagrees with itself on 2 % of score

describe('calibrateNoise', () => {
  test('measures the injected 2 % disagreement per field and per event type, with its date', () => {
    const cal = calibrateNoise(legacy, replay, { key: 'id', by: 'type', date: '2026-12-06T00:00:00Z' });
    expect(cal.verdict).toBe('pass');
    expect(cal.fields.score).toEqual({ compared: N, disagreements: 400, rate: 0.02 });
    expect(cal.fields.amount.disagreements).toBe(0);
    const perType = Object.values(cal.byGroup!).reduce((a, g) => a + g.fields.score.disagreements, 0);
    expect(perType).toBe(400);
    expect(cal.date).toBe('2026-12-06T00:00:00Z');
    expect(JSON.parse(JSON.stringify(cal))).toEqual(cal);
  });

  test('a replay with different keys is reported, not silently calibrated', () => {
    const other = replay.map((r) => (r.id % 1000 === 0 ? { ...r, id: r.id + N } : r));
    const cal = calibrateNoise(legacy, other, { key: 'id', date: '2026-12-06' });
    expect(cal.verdict).toBe('fail');
    expect(cal.keys).toMatchObject({ legacyOnly: 20, replayOnly: 20 });
    expect(renderReport(cal)).toMatchInlineSnapshot(`
      "Noise calibration failed on 2026-12-06: 19,980 records matched by id
        ✗ the replay is not a replay of the same input: 20 keys only in legacy and 20 only in the replay; a calibration from it would mix input differences into noise
        keys only in legacy: 0, 1000, 2000, 3000, 4000; only in the replay: 20000, 21000, 22000, 23000, 24000
        field   disagreements   rate
        score             400  2.00%
        amount              0  0.00%
        type                0  0.00%"
    `);
  });

  test('empty runs fail; bad options throw naming the option', () => {
    expect(calibrateNoise([], [], { key: 'id' }).verdict).toBe('fail');
    expect(() => calibrateNoise(legacy, replay, { key: 'id', date: 'yesterday' })).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: calibrateNoise: date must be an ISO 8601 date, got "yesterday"]`);
  });
});

describe('excessOverNoise: 2 % noise', () => {
  const cal = calibrateNoise(legacy, replay, { key: 'id', date: '2026-12-06' });
  test('a shadow at 2.1 % passes (excess not significant at alpha 0.05)', () => {
    const [j] = excessOverNoise([{ field: 'score', mismatches: 420, compared: N }], cal, { alpha: 0.05 });
    expect(j).toMatchObject({ raw: 0.021, noise: 0.02, fails: false });
    expect(j.excess).toBeCloseTo(0.001, 12);
    // p̄ = 820/40000; z = 0.001/sqrt(p̄(1−p̄)·2/20000) = 0.705701189 (hand), scipy.stats.norm.sf(0.7057011892459122) = 0.24018699062783744
    expect(j.pValue).toBeCloseTo(0.24018699062783744, 10);
  });
  test('a shadow at 5 % fails', () => {
    const [j] = excessOverNoise([{ field: 'score', mismatches: 1000, compared: N }], cal, { alpha: 0.05 });
    expect(j).toMatchObject({ raw: 0.05, noise: 0.02, fails: true });
    expect(j.pValue).toBeLessThan(1e-20);
  });
  test('maxExcess widens H0: 5 % passes when 3.5 points of excess are tolerated', () => {
    const [j] = excessOverNoise([{ field: 'score', mismatches: 1000, compared: N }], cal, { maxExcess: 0.035 });
    expect(j.fails).toBe(false);
  });
  test('a failed calibration is refused as noise by type', () => {
    expect(() => excessOverNoise([], { kind: 'profile' } as never)).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: excessOverNoise: noise must be a calibration from calibrateNoise(), got an object]`);
  });
});

describe('excessOverNoise: a calibration too small to judge excuses nothing', () => {
  const one = (score: number) => calibrateNoise([{ id: 0, score: 1 }], [{ id: 0, score }], { key: 'id', date: '2026-12-06' });
  test('fails to excuse 50 % mismatches against a 1-record calibration (0 of 1 disagree): inconclusive, exact test', () => {
    const [j] = excessOverNoise([{ field: 'score', mismatches: 500, compared: 1000 }], one(1));
    expect(j).toMatchObject({ raw: 0.5, noise: 0, fails: false, inconclusive: true, method: 'fisher-exact' });
    // scipy.stats.fisher_exact([[500, 500], [0, 1]], alternative='greater').pvalue = 0.5004995004995005
    expect(j.pValue).toBeCloseTo(0.5004995004995005, 12);
  });
  test('fails to excuse 100 % mismatches against a 1-record calibration where it disagreed (pooled p̄ = 1, se = 0)', () => {
    const [j] = excessOverNoise([{ field: 'score', mismatches: 1000, compared: 1000 }], one(2));
    // scipy.stats.fisher_exact([[1000, 0], [1, 0]], alternative='greater').pvalue = 1.0
    expect(j).toMatchObject({ raw: 1, noise: 1, pValue: 1, fails: false, inconclusive: true, method: 'fisher-exact' });
  });
  test('fails the field when the exact test decides: 6 of 1,000 against 0 of 1,000', () => {
    const cal = calibrateNoise(run(1000, () => false), run(1000, () => false, 'r'), { key: 'id', date: '2026-12-06' });
    const [j] = excessOverNoise([{ field: 'score', mismatches: 6, compared: 1000 }], cal);
    // scipy.stats.fisher_exact([[6, 994], [0, 1000]], alternative='greater').pvalue = 0.015507929980893996
    expect(j).toMatchObject({ fails: true, inconclusive: false, method: 'fisher-exact' });
    expect(j.pValue).toBeCloseTo(0.015507929980893996, 12);
  });
  test('fails in compareEvents when a 1-record calibration meets 50 % and 100 % mismatches failing', () => {
    const legacy = Array.from({ length: 1000 }, (_, i) => ({ id: i, score: i % 7 }));
    const half = compareEvents(legacy, legacy.map((e) => (e.id % 2 ? e : { ...e, score: 999 })), { key: 'id', noise: one(1) });
    expect(half.verdict).toBe('fail');
    expect(half.rates.match).toBe(0.5);
    expect(half.reasons.find((r) => r.code === 'NOISE_CALIBRATION_TOO_SMALL')!.message).toMatchInlineSnapshot(`"score differs in 50.00% of matched events; the calibration (1 pairs, 0.00% noise) is too small to tell that from noise (exact one-sided p = 0.50), so none of it is excused"`);
    const all = compareEvents(legacy, legacy.map((e) => ({ ...e, score: 999 })), { key: 'id', noise: one(2) });
    expect(all.verdict).toBe('fail');
    expect(all.rates.match).toBe(0);
  });
});

describe('excessOverNoise: observed counts are validated', () => {
  const cal = calibrateNoise(legacy, replay, { key: 'id', date: '2026-12-06' });
  const judge = (o: object) => () => excessOverNoise([{ field: 'score', mismatches: 1, compared: 100, ...o } as never], cal);
  test('fails with the option named on NaN, missing, negative and too-large mismatches', () => {
    expect(judge({ mismatches: NaN })).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: excessOverNoise: observed[0].mismatches must be an integer >= 0, got NaN]`);
    expect(judge({ mismatches: undefined })).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: excessOverNoise: observed[0].mismatches must be an integer >= 0, got undefined]`);
    expect(judge({ mismatches: -5 })).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: excessOverNoise: observed[0].mismatches must be an integer >= 0, got -5]`);
    expect(judge({ mismatches: 5000, compared: 1000 })).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: excessOverNoise: observed[0].mismatches must be <= compared (1000), got 5000: count mismatches among the compared pairs]`);
    expect(judge({ compared: 1.5 })).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: excessOverNoise: observed[0].compared must be an integer >= 0, got 1.5]`);
  });
  test('fails on a field the calibration does not know, suggesting the nearest', () => {
    expect(judge({ field: 'scroe' })).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: excessOverNoise: observed[0].field 'scroe' is not in the calibration; did you mean 'score'?]`);
    expect(() => excessOverNoise([], cal, { alpah: 0.01 } as never)).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: excessOverNoise: unknown option 'alpah'; did you mean 'alpha'?]`);
  });
});

describe('the exact path keeps its level (seeded simulation)', () => {
  test('a calibration of 40 records and an observation of 400 at the same 5 % rate fail at most alpha = 0.05 of the time', () => {
    // H0 true by construction: both the replay and the shadow disagree with probability 0.05, so
    // every failure is a false failure. Expected cells are about 2 (< 5): the Fisher path runs.
    let s = 20261207;
    const u = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const sims = 2000;
    let fails = 0;
    let fisher = 0;
    for (let k = 0; k < sims; k++) {
      const legacy = Array.from({ length: 40 }, (_, i) => ({ id: i, score: 1 }));
      const replay = legacy.map((r) => ({ ...r, score: u() < 0.05 ? 2 : 1 }));
      const noise = calibrateNoise(legacy, replay, { key: 'id', date: '2026-12-07T00:00:00Z' });
      let m = 0;
      for (let i = 0; i < 400; i++) if (u() < 0.05) m++;
      const [j] = excessOverNoise([{ field: 'score', mismatches: m, compared: 400 }], noise, { alpha: 0.05 });
      if (j.method === 'fisher-exact') fisher++;
      if (j.fails) fails++;
    }
    const rate = fails / sims;
    const se = Math.sqrt((0.05 * 0.95) / sims);
    expect(fisher / sims).toBeGreaterThan(0.9);
    // Measured: see the note (rate and its standard error); the bound is alpha + 3 SE.
    expect(rate).toBeLessThanOrEqual(0.05 + 3 * se);
  });
});
