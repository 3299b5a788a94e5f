import { describe, expect, test } from 'vitest';
import { compareBytes } from '../../src/bytes/compareBytes.js';
import { renderReport } from '../../src/report/renderReport.js';
import { createRng } from '../../src/stats/_internal/prng.js';
import type { Ledger } from '../../src/ledger/types.js';

const TYPES = ['click', 'view', 'buy'];
function records(n: number, seed = 14) {
  const r = createRng(seed);
  return Array.from({ length: n }, (_, i) => ({ id: i, type: TYPES[r.nextInt(3)], ts: 1_700_000_000_000 + i * 1000, price: Math.round(r.nextFloat() * 1e4) / 100 }));
}
const legacy = records(3000);

describe('compareBytes by event type', () => {
  test('one verdict per type: only the type with injected differences fails, counted back', () => {
    // ISO timestamps in every 20th view record.
    const hit = legacy.filter((e) => e.type === 'view' && e.id % 20 === 3);
    const ids = new Set(hit.map((e) => e.id));
    const shadow = legacy.map((e) => (ids.has(e.id) ? { ...e, ts: new Date(e.ts).toISOString() } : e));
    const r = compareBytes(legacy, shadow, { key: 'id', by: 'type' });
    expect(r.kind).toBe('grouped');
    expect(r.verdict).toBe('fail');
    expect(r.groups.map((g) => [g.group, g.verdict])).toEqual([['buy', 'pass'], ['click', 'pass'], ['view', 'fail']]);
    const view = r.groups.find((g) => g.group === 'view')!;
    const nView = legacy.filter((e) => e.type === 'view').length;
    expect(view.report.counts.differing).toBe(hit.length);
    expect(view.report.rates.bytesMatch).toBe((nView - hit.length) / nView);
    expect(view.report.fields).toEqual([{ field: 'ts', records: hit.length, known: 0 }]);
    expect(r.groups.map((g) => g.rows.legacy).reduce((a, b) => a + b)).toBe(legacy.length);
    // The same view records as compared alone.
    expect(view.report.counts).toEqual(compareBytes(legacy.filter((e) => e.type === 'view'), shadow.filter((e) => e.type === 'view'), { key: 'id' }).counts);
  });

  test('overrides give one type its own threshold', () => {
    const shadow = legacy.map((e) => (e.type === 'view' && e.id % 50 === 1 ? { ...e, price: e.price + 1 } : e));
    expect(compareBytes(legacy, shadow, { key: 'id', by: 'type' }).verdict).toBe('fail');
    const r = compareBytes(legacy, shadow, { key: 'id', by: 'type', overrides: { view: { minMatchRate: 0.95 } } });
    expect(r.verdict).toBe('pass');
    expect(r.groups.find((g) => g.group === 'view')!.overridden).toEqual(['minMatchRate']);
  });

  test('a type missing on one side is a reason naming it, and its records are that group’s missing ones', () => {
    const shadow = legacy.filter((e) => e.type !== 'buy');
    const nBuy = legacy.length - shadow.length;
    const r = compareBytes(legacy, shadow, { key: 'id', by: 'type' });
    expect(r.verdict).toBe('fail');
    expect(r.reasons.map((x) => [x.code, x.subject])).toEqual([
      ['GROUP_FAILED', 'type = buy'],
      ['MISSING_IN_ONE_GROUP', 'type = buy'],
    ]);
    expect(r.groups.find((g) => g.group === 'buy')!.report.reasons[0].code).toBe('EMPTY_INPUT');
    expect(r.unmatched.find((u) => u.group === 'buy')).toEqual({ group: 'buy', missing: nBuy, extra: 0 });
    const text = renderReport(r);
    expect(text).toMatchInlineSnapshot(`
      "Grouped bytes check fails: 1 of 3 groups by type fail (buy).
        · all 1063 missing records are of type = buy

        group  verdict  legacy  shadow  missing / extra  key figures                          overrides
        buy    fail      1,063       0  1,063 / 0        bytesMatchRate 0.00%, differing 0
        click  pass        967     967  0 / 0            bytesMatchRate 100.00%, differing 0
        view   pass        970     970  0 / 0            bytesMatchRate 100.00%, differing 0

      ── type = buy ──
      [buy] Bytes differ: 0.00% of legacy records byte-equal after normalisation v1-2f681fb4 (100.00% required)
        ✗ shadow has no records: an empty comparison never passes
        records: legacy 1,063, shadow 0, matched 0, equal 0, differing 0, missing 1,063, extra 0
        bytes per record: legacy 56.4, shadow 0.0
        · 1063 legacy records have no shadow record with their key"
    `);
  });

  test('a ledger entry within its size in every group but grown in total fails', () => {
    // 30 ISO timestamps, 10 per type; the entry was accepted at 20.
    const byType = new Map(TYPES.map((t) => [t, legacy.filter((e) => e.type === t).slice(0, 10).map((e) => e.id)]));
    const ids = new Set([...byType.values()].flat());
    const shadow = legacy.map((e) => (ids.has(e.id) ? { ...e, ts: new Date(e.ts).toISOString() } : e));
    const ledger: Ledger = { version: 1, entries: [{ id: 'ts-iso', field: 'ts', records: { field: 'ts', side: 'shadow', op: 'matches', value: '^\\d{4}-' }, why: 'writer emits ISO until v2', owner: 'data-eng@example.com', expires: '2027-01-31', size: 20 }] };
    const r = compareBytes(legacy, shadow, { key: 'id', by: 'type', ledger, today: '2026-12-06' });
    expect(r.groups.every((g) => g.verdict === 'pass')).toBe(true); // 10 <= 20 in each group
    expect(r.verdict).toBe('fail');
    expect(r.reasons.find((x) => x.code === 'LEDGER_ENTRY_GREW')).toMatchObject({ subject: 'ledger.ts-iso', expected: '<= 20', received: 30 });
    // Within the size in total: passes.
    const ok = compareBytes(legacy, shadow, { key: 'id', by: 'type', ledger: { ...ledger, entries: [{ ...ledger.entries[0], size: 30 }] }, today: '2026-12-06' });
    expect(ok.verdict).toBe('pass');
    expect(ok.groups.map((g) => [g.report.counts.known, g.report.rates.bytesMatchWithKnown])).toEqual(TYPES.map(() => [10, 1]).sort());
  });

  test('bad by or overrides throw naming the option', () => {
    expect(() => compareBytes(legacy, legacy, { key: 'id', by: '' })).toThrow(/compareBytes: by must be a field path/);
    expect(() => compareBytes(legacy, legacy, { key: 'id', by: 'type', overrides: { view: { minMatchRate: 2 } } })).toThrow(/with overrides.view: .*minMatchRate/);
  });
});
