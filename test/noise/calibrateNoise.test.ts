import { describe, expect, test } from 'vitest';
import { calibrateNoise } from '../../src/noise/calibrateNoise.js';
import { excessOverNoise } from '../../src/noise/excessOverNoise.js';
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
