import { readFileSync } from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { applyLedger } from '../../src/ledger/applyLedger.js';
import { checkLedgerShrank } from '../../src/ledger/checkLedgerShrank.js';
import { validateLedger } from '../../src/ledger/validateLedger.js';
import { renderReport } from '../../src/report/renderReport.js';
import type { Ledger, LedgerEntry } from '../../src/ledger/types.js';

const entry = (over: Partial<LedgerEntry> = {}): LedgerEntry => ({
  id: 'ts-iso',
  field: 'ts',
  records: { all: [{ field: 'source', op: 'eq', value: 'mobile' }, { field: 'ts', side: 'shadow', op: 'matches', value: '^\\d{4}-' }] },
  why: 'the mobile writer emits ISO strings until v2.3',
  owner: 'data-eng@example.com',
  expires: '2027-01-31',
  size: 10,
  ...over,
});
const ledger = (...entries: LedgerEntry[]): Ledger => ({ version: 1, entries });

/** 100 ts mismatches: records with id % 10 === 0 come from mobile (10 of them). */
const mismatches = Array.from({ length: 100 }, (_, i) => ({
  field: 'ts',
  key: i,
  legacy: { id: i, source: i % 10 === 0 ? 'mobile' : 'web', ts: 1_700_000_000_000 + i },
  shadow: { id: i, source: i % 10 === 0 ? 'mobile' : 'web', ts: new Date(1_700_000_000_000 + i).toISOString() },
}));

describe('applyLedger', () => {
  test('covers exactly the records its predicate names, counted as known', () => {
    const out = applyLedger('t', ledger(entry()), mismatches, '2026-12-06');
    expect(out.covered.filter(Boolean)).toHaveLength(10);
    expect(out.covered.map((c, i) => (c ? i : -1)).filter((i) => i >= 0)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(out.summary.total).toBe(10);
    expect(out.summary.entries[0].status).toBe('ok');
    expect(out.reasons).toEqual([]);
  });

  test('growth beyond the recorded size fails with a reason that says so', () => {
    const out = applyLedger('t', ledger(entry({ size: 9 })), mismatches, '2026-12-06');
    expect(out.reasons.map((r) => [r.code, r.severity])).toEqual([['LEDGER_ENTRY_GREW', 'fail']]);
    expect(out.reasons[0].message).toMatchInlineSnapshot(`"known difference 'ts-iso' (ts, owner data-eng@example.com) covers 10 differences, more than the 9 recorded when it was accepted: it grew, so it is no longer the known difference"`);
  });

  test('past its expiry an entry covers nothing and fails', () => {
    const out = applyLedger('t', ledger(entry()), mismatches, '2027-02-01');
    expect(out.covered.some(Boolean)).toBe(false);
    expect(out.reasons[0].code).toBe('LEDGER_ENTRY_EXPIRED');
    expect(out.reasons[0].message).toMatchInlineSnapshot(`"known difference 'ts-iso' (ts, owner data-eng@example.com) expired on 2027-01-31; its 10 differences count as failures again"`);
    expect(applyLedger('t', ledger(entry()), mismatches, '2027-01-31').covered.filter(Boolean)).toHaveLength(10);
  });

  test('predicates: any, not, in, $key, exists and numeric comparisons', () => {
    const pick = (records: LedgerEntry['records']) =>
      applyLedger('t', ledger(entry({ records, size: 100 })), mismatches, '2026-12-06').covered.map((c, i) => (c ? i : -1)).filter((i) => i >= 0);
    expect(pick({ field: '$key', op: 'in', value: [3, 5, 200] })).toEqual([3, 5]);
    expect(pick({ any: [{ field: 'id', op: 'lt', value: 2 }, { field: 'id', op: 'gte', value: 98 }] })).toEqual([0, 1, 98, 99]);
    expect(pick({ not: { field: 'source', op: 'ne', value: 'mobile' } })).toHaveLength(10);
    expect(pick({ field: 'missing', op: 'exists', value: false })).toHaveLength(100);
    expect(pick('all')).toHaveLength(100);
  });

  test('unused entries are listed so the ledger can shrink', () => {
    const out = applyLedger('t', ledger(entry({ field: 'price' })), mismatches, '2026-12-06');
    expect(out.reasons.map((r) => [r.code, r.severity])).toEqual([['LEDGER_ENTRY_UNUSED', 'info']]);
  });
});

describe('validateLedger', () => {
  test('a malformed predicate names the entry and the problem', () => {
    expect(() => validateLedger(ledger(entry({ records: { field: 'ts', op: 'equals', value: 1 } as never })))).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: ledger: entry 'ts-iso' (entries[0]): records.op must be one of eq, ne, in, lt, lte, gt, gte, exists, matches, got "equals"]`);
    expect(() => validateLedger(ledger(entry({ records: { all: [] } })))).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: ledger: entry 'ts-iso' (entries[0]): records.all must be a non-empty array of predicates, got an array of length 0]`);
    expect(() => validateLedger(ledger(entry({ records: { field: 'ts', op: 'matches', value: '(' } })))).toThrow(/entry 'ts-iso' \(entries\[0\]\): records.value is not a valid regular expression/);
  });
  test('a malformed date names the entry', () => {
    expect(() => validateLedger(ledger(entry(), entry({ id: 'b', expires: '2027-02-30' })))).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: ledger: entry 'b' (entries[1]): expires must be a date YYYY-MM-DD, got "2027-02-30"]`);
  });
  test('a ledger file: errors name the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-'));
    const file = join(dir, 'ledger.json');
    writeFileSync(file, JSON.stringify(ledger(entry({ size: -1 }))));
    expect(() => applyLedger('compareEvents', file, [], '2026-12-06')).toThrow(`compareEvents: ledger ${file}: entry 'ts-iso' (entries[0]): size must be an integer >= 0`);
  });
  test('the JSON Schema and the validator agree on keys, operators and required fields', () => {
    const schema = JSON.parse(readFileSync(new URL('../../schemas/ledger.schema.json', import.meta.url), 'utf8'));
    expect(Object.keys(schema.$defs.entry.properties).sort()).toEqual(Object.keys(entry()).sort());
    expect(schema.$defs.entry.required.sort()).toEqual(Object.keys(entry()).sort());
    expect(schema.$defs.condition.properties.op.enum).toEqual(['eq', 'ne', 'in', 'lt', 'lte', 'gt', 'gte', 'exists', 'matches']);
    for (const op of schema.$defs.condition.properties.op.enum) {
      const value = op === 'in' ? [1] : op === 'exists' ? true : op === 'matches' ? 'x' : 1;
      expect(() => validateLedger(ledger(entry({ records: { field: 'a', op, value } })))).not.toThrow();
    }
    expect(() => validateLedger(ledger({ ...entry(), extra: 1 } as never))).toThrow(/unknown key 'extra'/);
  });
});

describe('checkLedgerShrank', () => {
  const before = ledger(entry(), entry({ id: 'b', field: 'price', size: 5 }));
  test('passes when entries are removed or narrowed', () => {
    const r = checkLedgerShrank(before, ledger(entry({ size: 4, expires: '2027-01-01' })));
    expect(r.verdict).toBe('pass');
    expect(r.removed).toEqual(['b']);
    expect(r.changed).toEqual([{ id: 'ts-iso', changes: ['size shrank from 10 to 4', 'expiry moved earlier, to 2027-01-01'] }]);
  });
  test('fails when an entry is added, grows, lives longer or covers other records', () => {
    const r = checkLedgerShrank(before, ledger(entry({ size: 11, expires: '2027-06-30', records: 'all' }), entry({ id: 'b', field: 'price', size: 5 }), entry({ id: 'c' })));
    expect(r.verdict).toBe('fail');
    expect(renderReport(r)).toMatchInlineSnapshot(`
      "Ledger grew
        ✗ entry 'ts-iso': size grew from 10 to 11
        ✗ entry 'ts-iso': expiry moved later, from 2027-01-31 to 2027-06-30
        ✗ entry 'ts-iso': its records predicate changed
        ✗ entry 'c' (ts, owner data-eng@example.com) is new: the ledger grew"
    `);
  });
});

describe('checkLedgerShrank: a predicate spelt otherwise', () => {
  test('members, the operands of all/any and the values of in in another order are the same predicate', () => {
    const before = ledger(entry({ records: { any: [{ field: 'source', op: 'in', value: ['mobile', 'tablet'] }, { not: { field: 'ts', side: 'shadow', op: 'exists', value: true } }] } }));
    // As an editor that sorts keys, or a hand that reorders a list, writes it back.
    const respelt = ledger(entry({ records: { any: [{ not: { value: true, op: 'exists', side: 'shadow', field: 'ts' } }, { value: ['tablet', 'mobile'], op: 'in', field: 'source' }] } as LedgerEntry['records'] }));
    const r = checkLedgerShrank(before, respelt);
    expect(r.verdict).toBe('pass');
    expect(r.changed).toEqual([]);
  });

  test('a change in what it selects still fails, however it is spelt', () => {
    const before = ledger(entry({ records: { field: 'source', op: 'in', value: ['mobile', 'tablet'] } }));
    for (const records of [
      { value: ['mobile', 'tablet', 'web'], op: 'in', field: 'source' },
      { field: 'source', op: 'in', value: ['mobile'] },
      { field: 'source', side: 'shadow', op: 'in', value: ['tablet', 'mobile'] },
    ]) {
      const r = checkLedgerShrank(before, ledger(entry({ records: records as LedgerEntry['records'] })));
      expect(r.verdict, JSON.stringify(records)).toBe('fail');
      expect(r.changed).toEqual([{ id: 'ts-iso', changes: ['its records predicate changed'] }]);
    }
  });
});

describe('checkLedgerShrank: order of entries for one field', () => {
  const all = entry({ id: 'a-all', records: 'all', size: 10 });
  const mobile = entry({ id: 'b-mobile', records: { field: 'source', op: 'eq', value: 'mobile' }, size: 100 });
  test('fails when two remaining entries for ts are swapped (the swap accepts other differences)', () => {
    // Same mismatches, two orders: what the ledger accepts depends on which entry comes first.
    const first = applyLedger('t', ledger(all, mobile), mismatches, '2026-12-06');
    const swapped = applyLedger('t', ledger(mobile, all), mismatches, '2026-12-06');
    expect(first.summary.entries.map((e) => [e.id, e.size])).not.toEqual(swapped.summary.entries.map((e) => [e.id, e.size]));
    const r = checkLedgerShrank(ledger(all, mobile), ledger(mobile, all));
    expect(r.verdict).toBe('fail');
    expect(r.reordered).toEqual(['ts']);
    expect(renderReport(r)).toMatchInlineSnapshot(`
      "Ledger grew
        ✗ entries for ts were reordered from 'a-all', 'b-mobile' to 'b-mobile', 'a-all': the first entry whose predicate holds covers a mismatch, so a new order can accept other differences"
    `);
  });
  test('passes when entries for different fields change places or one of a pair is removed', () => {
    const price = entry({ id: 'p', field: 'price', records: 'all', size: 1 });
    expect(checkLedgerShrank(ledger(all, price, mobile), ledger(price, all, mobile)).verdict).toBe('pass');
    expect(checkLedgerShrank(ledger(all, mobile), ledger(mobile)).verdict).toBe('pass');
  });
});

describe('a ledger file that is not JSON', () => {
  test('is named by file and line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-json-'));
    const file = join(dir, 'ledger.json');
    writeFileSync(file, '{\n  "version": 1,\n  "entries": [\n    { "id": "a", }\n  ]\n}\n');
    expect(() => applyLedger('compareEvents', file, [])).toThrow(new RegExp(`^compareEvents: ledger file ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4 is not valid JSON: `));
  });
});
