import { describe, expect, test } from 'vitest';
import { compareEvents } from '../../src/events/compareEvents.js';
import { calibrateNoise } from '../../src/noise/calibrateNoise.js';
import type { Ledger } from '../../src/ledger/types.js';
import { every, run } from './_data.js';

const N = 20_000;
const legacy = run(N, () => false);
const noise = calibrateNoise(legacy, run(N, every(N, 0.02), 'r'), { key: 'id', date: '2026-12-06' });

describe('compareEvents with noise (2 % legacy-vs-legacy on score)', () => {
  test('a shadow at 2.1 % passes: the excess over noise is not significant', () => {
    const shadow = run(N, every(N, 0.021), 's');
    expect(compareEvents(legacy, shadow, { key: 'id' }).verdict).toBe('fail'); // without noise
    const r = compareEvents(legacy, shadow, { key: 'id', noise });
    expect(r.verdict).toBe('pass');
    expect(r.counts.equal).toBe(N);
    expect(r.noise!.find((j) => j.field === 'score')).toMatchObject({ raw: 0.021, noise: 0.02, fails: false });
    expect(r.noise!.filter((j) => j.field !== 'score').map((j) => [j.field, j.raw, j.fails])).toEqual([['amount', 0, false], ['type', 0, false]]);
    expect(r.reasons.find((x) => x.code === 'NOISE_ABSORBED')!.message).toMatchInlineSnapshot(`"score differs in 2.10% of matched events, within the 2.00% legacy-vs-legacy noise (excess 0.10%, p = 0.24)"`);
  });

  test('a shadow at 5 % fails on the excess, reporting raw, noise and excess', () => {
    const r = compareEvents(legacy, run(N, every(N, 0.05), 's'), { key: 'id', noise });
    expect(r.verdict).toBe('fail');
    const reason = r.reasons.find((x) => x.code === 'NOISE_EXCESS')!;
    expect(reason.message).toMatchInlineSnapshot(`"score differs in 5.00% of matched events against 2.00% legacy-vs-legacy noise: an excess of 3.00% (one-sided p = 3.3e-60 < 0.05)"`);
    expect(r.counts.equal).toBe(N - 1000);
  });

  test('a calibration from a replay with other keys cannot excuse anything', () => {
    const bad = calibrateNoise(legacy, run(N, every(N, 0.02), 'r').slice(1), { key: 'id' });
    const r = compareEvents(legacy, run(N, every(N, 0.021), 's'), { key: 'id', noise: bad });
    expect(r.reasons.map((x) => x.code)).toContain('NOISE_CALIBRATION_INVALID');
    expect(r.verdict).toBe('fail');
  });

  test('noiseAlpha without noise is refused', () => {
    expect(() => compareEvents(legacy, legacy, { key: 'id', noiseAlpha: 0.01 })).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: compareEvents: noiseAlpha and maxNoiseExcess need noise (a calibration from calibrateNoise)]`);
  });
});

describe('compareEvents with a ledger', () => {
  const withIso = (share: number) => legacy.map((e, i) => ({ ...e, ts: 1_700_000_000_000 + i, ...(every(N, share)(i) ? { ts: new Date(1_700_000_000_000 + i).toISOString() } : {}) }));
  const base = legacy.map((e, i) => ({ ...e, ts: 1_700_000_000_000 + i }));
  const ledger: Ledger = {
    version: 1,
    entries: [{ id: 'ts-iso', field: 'ts', records: { field: 'ts', side: 'shadow', op: 'matches', value: '^\\d{4}-' }, why: 'writer v2 emits ISO', owner: 'ana', expires: '2027-01-31', size: 200 }],
  };
  test('covered mismatches count as known, are listed, and the run passes', () => {
    const r = compareEvents(base, withIso(0.01), { key: 'id', ledger, today: '2026-12-06' });
    expect(r.verdict).toBe('pass');
    expect(r.known).toMatchObject({ total: 200, entries: [{ id: 'ts-iso', size: 200, status: 'ok' }] });
    expect(r.fields.find((f) => f.field === 'ts')!.mismatches).toBe(0);
    expect(r.reasons.find((x) => x.code === 'KNOWN_DIFFERENCES')!.message).toMatchInlineSnapshot(`"200 differences are known from the ledger: 'ts-iso' (ts) 200/200, owner ana, expires 2027-01-31"`);
  });
  test('growth beyond the recorded size fails', () => {
    const r = compareEvents(base, withIso(0.02), { key: 'id', ledger, today: '2026-12-06' });
    expect(r.verdict).toBe('fail');
    expect(r.reasons[0].code).toBe('LEDGER_ENTRY_GREW');
  });
  test('past expiry the differences fail again', () => {
    const r = compareEvents(base, withIso(0.01), { key: 'id', ledger, today: '2027-02-01' });
    expect(r.reasons.map((x) => x.code)).toEqual(expect.arrayContaining(['LEDGER_ENTRY_EXPIRED', 'MATCH_RATE_BELOW_MIN']));
  });
});

describe('a ledger with by: an entry is bounded by its coverage summed over the groups', () => {
  test('an entry of size 5 covering 5 differences in each of 4 event types fails (20 > 5), as compareBytes does', () => {
    // Injected: ts differs on ids 0-19, 5 of each type a-d.
    const legacy = Array.from({ length: 100 }, (_, i) => ({ id: i, type: 'abcd'[i % 4], ts: i }));
    const shadow = legacy.map((e) => (e.id < 20 ? { ...e, ts: -1 } : e));
    const ledger = { version: 1 as const, entries: [{ id: 'ts5', field: 'ts', records: 'all' as const, why: 'w', owner: 'o', expires: '2027-01-31', size: 5 }] };
    const r = compareEvents(legacy, shadow, { key: 'id', by: 'type', ledger, today: '2026-12-06' });
    expect(r.groups.map((g) => g.report.known!.total)).toEqual([5, 5, 5, 5]);
    expect(r.verdict).toBe('fail');
    expect(r.reasons.find((x) => x.code === 'LEDGER_ENTRY_GREW')!.message).toBe(
      "known difference 'ts5' (ts, owner o) covers 20 differences over all groups, more than the 5 recorded when it was accepted: it grew, so it is no longer the known difference",
    );
    const sized = { ...ledger, entries: [{ ...ledger.entries[0], size: 20 }] };
    expect(compareEvents(legacy, shadow, { key: 'id', by: 'type', ledger: sized, today: '2026-12-06' }).verdict).toBe('pass');
  });
});
