import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { eventStream, sensitivity } from '../../src/arbitraries/index.js';
import { renderReport } from '../../src/index.js';

const base = eventStream({ minLength: 50, maxLength: 100 });
const fields = { ts: { time: '2s' }, value: { abs: 0.01 } } as const;

describe('sensitivity', () => {
  test('flags a minMatchRate that hides a 40 % drop, and passes a strict check', () => {
    const r = sensitivity({
      checks: { strict: { compare: { key: 'id', fields } }, lenient: { compare: { key: 'id', fields, minMatchRate: 0.5, maxMissingRate: 1 } } },
      faults: ['drop'],
      base,
      seed: 1,
      numRuns: 3,
    });
    expect(r.kind).toBe('sensitivity');
    expect(r.verdict).toBe('fail');
    const lenient = r.rows.find((x) => x.check === 'lenient')!;
    expect(lenient.detectedFrom!).toBeGreaterThan(0.4); // a 40 % drop passes
    expect(r.reasons.map((x) => [x.code, x.subject])).toEqual([['FAULT_HIDDEN', 'lenient.drop']]);
    const strict = r.rows.find((x) => x.check === 'strict')!;
    expect(strict.detectedFrom! * strict.events.max).toBeLessThan(1.5); // the first dropped event fails it
  });

  test('flags fault classes a check can never see and reports reorder as out of tier', () => {
    const r = sensitivity({ checks: { blind: { compare: { key: 'id', fields: { ts: 'ignore' } } } }, faults: ['timeShift', 'reorder'], base, seed: 2, numRuns: 2 });
    expect(r.reasons.map((x) => [x.code, x.severity])).toEqual([
      ['FAULT_NEVER_DETECTED', 'fail'],
      ['FAULT_OUT_OF_TIER', 'info'],
    ]);
    expect(r.rows.every((x) => x.neverDetected)).toBe(true);
  });

  test('refuses to measure data the check already fails', () => {
    const r = sensitivity({ checks: { typo: { compare: { key: 'id', fields: { prise: { abs: 1 } } } } }, faults: ['drop'], base, seed: 3, numRuns: 2 });
    expect(r.reasons[0]).toMatchObject({ code: 'BASE_FAILS', subject: 'typo' });
    expect(r.rows).toEqual([]);
  });

  test('renders a one-screen table with flags, replay seed and hints', () => {
    const r = sensitivity({
      checks: { clicks: { compare: { key: 'id', fields, minMatchRate: 0.7, maxMissingRate: 1 } } },
      faults: ['drop', 'timeShift', 'reorder'],
      base,
      seed: 4,
      numRuns: 3,
    });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(renderReport(r)).toMatchInlineSnapshot(`
      "Sensitivity: 1 fault class can slip through the configured checks
        the smallest fault detected on every one of 3 generated datasets per probe, and the largest passing on all

        check   fault      detected from  tolerated up to  declared
        clicks  drop       29.98%         29.39%           minMatchRate 0.7 allows 30.00% of legacy events unmatched
        clicks  timeShift  2,014 ms       1,998 ms         fields.ts: time ±2s
        clicks  reorder    out of tier    any              row order is invisible to compareEvents (events are matched by key)

        ✗ clicks: a drop of events passes unnoticed up to 29.39% and is detected only from 29.98% (flagged above 10.00%): minMatchRate 0.7 allows 30.00% of legacy events unmatched; maxMissingRate 1 allows 100.00% of legacy events missing
        · reorder: out of tier for clicks: compareEvents matches by key, so order faults need the sequence tier (compareSequences)
      Replay: seed 4
      Hint: clicks: lower maxMissingRate or raise minMatchRate to catch smaller drops"
    `);
  });

  test('works on real rows through a custom base', () => {
    const rows = Array.from({ length: 120 }, (_, i) => ({ eventId: `x${i}`, user: `u${i % 7}`, at: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(), price: i / 4 }));
    const r = sensitivity({
      checks: { orders: { compare: { key: 'eventId', fields: { at: { time: '1s' }, price: { abs: 0.5 } } }, base: fc.subarray(rows, { minLength: 60 }), entityField: 'user' } },
      faults: ['timeShift', 'valueDrift'],
      seed: 5,
      numRuns: 3,
    });
    const [time, value] = r.rows;
    expect(time.perturbation).toMatchObject({ field: 'at' });
    expect(Math.abs(time.detectedFrom! - 1000)).toBeLessThan(20);
    expect(value.perturbation).toMatchObject({ field: 'price' });
    expect(Math.abs(value.detectedFrom! - 0.5)).toBeLessThan(0.01);
  });

  test('refuses bad options', () => {
    expect(() => sensitivity({ checks: {} })).toThrow('sensitivity: checks is empty');
    expect(() => sensitivity({ checks: { a: { compare: { key: 'id' } } }, faults: ['drops' as never] })).toThrow("did you mean 'drop'?");
  });
});
