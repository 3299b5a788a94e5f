import { describe, expect, test } from 'vitest';
import { compareBytes } from '../../src/bytes/compareBytes.js';
import type { Ledger } from '../../src/ledger/types.js';

const legacy = Array.from({ length: 100 }, (_, i) => ({ id: i, ts: 1_700_000_000_000 + i, type: 'view', x: { v: 1 } }));
const entry = (id: string, field: string, key: number) => ({ id, field, records: { field: '$key', op: 'eq' as const, value: key }, why: 'clock skew', owner: 'o', expires: '2027-01-31', size: 1 });
const ledger: Ledger = { version: 1, entries: [entry('ts-3', 'ts', 3)] };

describe('compareBytes with a ledger: an entry excuses only the field it names', () => {
  test('fails when the record the entry covers on ts also differs in type', () => {
    const shadow = legacy.map((e) => (e.id === 3 ? { ...e, ts: e.ts + 1, type: 'DELETE' } : e));
    const r = compareBytes(legacy, shadow, { key: 'id', ledger, today: '2026-12-06' });
    expect(r.verdict).toBe('fail');
    expect(r.counts).toMatchObject({ differing: 1, known: 0 });
    expect(r.rates.bytesMatchWithKnown).toBe(0.99);
    expect(r.fields).toEqual([{ field: 'ts', records: 1, known: 0 }]);
  });

  test('fails when a nested field (x.v, after ts) differs beside the excused one', () => {
    const shadow = legacy.map((e) => (e.id === 3 ? { ...e, ts: e.ts + 1, x: { v: 2 } } : e));
    expect(compareBytes(legacy, shadow, { key: 'id', ledger, today: '2026-12-06' }).verdict).toBe('fail');
  });

  test('passes when every differing field of the record has its own entry, and when only ts differs', () => {
    const both = legacy.map((e) => (e.id === 3 ? { ...e, ts: e.ts + 1, type: 'DELETE' } : e));
    const two: Ledger = { version: 1, entries: [entry('ts-3', 'ts', 3), entry('type-3', 'type', 3)] };
    const r = compareBytes(legacy, both, { key: 'id', ledger: two, today: '2026-12-06' });
    expect(r.verdict).toBe('pass');
    expect(r.counts).toMatchObject({ differing: 1, known: 1 });
    expect(r.known.total).toBe(2);
    const onlyTs = legacy.map((e) => (e.id === 3 ? { ...e, ts: e.ts + 1 } : e));
    const k = compareBytes(legacy, onlyTs, { key: 'id', ledger, today: '2026-12-06' });
    expect(k.verdict).toBe('pass');
    expect(k.fields).toEqual([{ field: 'ts', records: 1, known: 1 }]);
  });

  test('fails when the other difference is a member missing in shadow', () => {
    const shadow = legacy.map((e) => (e.id === 3 ? { id: e.id, ts: e.ts + 1, x: e.x } : e));
    expect(compareBytes(legacy, shadow, { key: 'id', ledger, today: '2026-12-06' }).verdict).toBe('fail');
  });
});
