import { describe, expect, test } from 'vitest';
import { compareEvents, compileFieldRule, type EventReport } from '../../src/index.js';

const field = (r: EventReport, name: string) => {
  const f = r.fields.find((x) => x.field === name);
  if (!f) throw new Error(`no field ${name} in report`);
  return f;
};
const rows = (values: [unknown, unknown][]) => ({
  legacy: values.map(([v], i) => ({ id: i, v })),
  shadow: values.map(([, v], i) => ({ id: i, v })),
});

describe('infinities under abs/rel/isclose: an infinity agrees only with the same infinity', () => {
  // Pairs and whether each must agree, by the documented rule (not by running the engine).
  const cases: [unknown, unknown, boolean][] = [
    [1, Infinity, false],
    [Infinity, -Infinity, false],
    [-Infinity, 1e308, false],
    [Infinity, Infinity, true],
    [-Infinity, -Infinity, true],
    [100, 100.5, true],
  ];
  const { legacy, shadow } = rows(cases.map(([a, b]) => [a, b]));
  const mustDiffer = cases.filter((c) => !c[2]).length;
  for (const rule of [{ rel: 0.01 }, { abs: 1, rel: 0.5 }, { isclose: { abs: 1, rel: 0.5 } }]) {
    test(`fails when an infinity meets a finite value or the other infinity under ${JSON.stringify(rule)}`, () => {
      const r = compareEvents(legacy, shadow, { key: 'id', fields: { v: rule } });
      expect(field(r, 'v').mismatches).toBe(mustDiffer);
      expect(r.verdict).toBe('fail');
      // Deltas are over finite pairs only: an infinite delta would swamp the statistics.
      expect(field(r, 'v').delta).toMatchObject({ n: 1, maxAbs: 0.5 });
    });
  }
  test('the exact default keeps infinite deltas out of the statistics', () => {
    const r = compareEvents(legacy, shadow, { key: 'id' });
    expect(Number.isFinite(field(r, 'v').delta!.maxAbs)).toBe(true);
  });
  test('an infinite epoch time agrees only with the same infinity', () => {
    const t = rows([[Infinity, Infinity], [Infinity, 0], [5, 5]]);
    const r = compareEvents(t.legacy, t.shadow, { key: 'id', fields: { v: { time: '1s' } } });
    expect(field(r, 'v').mismatches).toBe(1);
  });
});

describe('keys that cannot identify a row (NaN, invalid Date) count as no key, like null', () => {
  const legacy = [{ id: NaN, v: 1 }, { id: 1, v: 2 }, { id: null, v: 3 }];
  const shadow = [{ id: NaN, v: 1 }, { id: 1, v: 2 }, { id: null, v: 3 }];
  test('fails when a NaN key is on each side, and counts it with the null keys', () => {
    const r = compareEvents(legacy, shadow, { key: 'id' });
    expect(r.counts).toMatchObject({ matched: 1, legacyMissingKey: 2, shadowMissingKey: 2, equal: 1 });
    expect(r.reasons.filter((x) => x.code === 'MISSING_KEY_FIELD').map((x) => x.subject)).toEqual(['legacy', 'shadow']);
  });
  test('a NaN part of a composite key, a NaN from a key function and an invalid Date are no key', () => {
    const l = [{ a: 1, b: NaN }, { a: 2, b: 2 }];
    const r1 = compareEvents(l, l, { key: ['a', 'b'] });
    expect(r1.counts).toMatchObject({ matched: 1, legacyMissingKey: 1, shadowMissingKey: 1 });
    expect(r1.examples.missingKey.map((x) => x.field)).toEqual(['b', 'b']);
    const r2 = compareEvents(l, l, { key: (row) => row.b });
    expect(r2.counts).toMatchObject({ matched: 1, legacyMissingKey: 1 });
    const d = [{ t: new Date(Number.NaN) }, { t: new Date(0) }];
    expect(compareEvents(d, d, { key: 't' }).counts).toMatchObject({ matched: 1, legacyMissingKey: 1, shadowMissingKey: 1 });
  });
  test('passes NaN keys only when keyless rows are allowed', () => {
    // 1 of 3 legacy rows matched: the keyless ones count against the match rate.
    expect(compareEvents(legacy, shadow, { key: 'id', maxMissingKeyRows: 2, minMatchRate: 1 / 3 }).verdict).toBe('pass');
    expect(compareEvents(legacy, shadow, { key: 'id', maxMissingKeyRows: 1, minMatchRate: 1 / 3 }).verdict).toBe('fail');
  });
});

describe('number→string hint: an exact decimal rule, never normalize: Number', () => {
  const ids = ['12345678901234567891', '12345678901234567892', '7'];
  const legacy = ids.map((x, i) => ({ id: i, ref: Number(x) }));
  const shadow = ids.map((x, i) => ({ id: i, ref: x }));
  test('fails with a hint offering normalize: decimal', () => {
    const r = compareEvents(legacy, shadow, { key: 'id' });
    expect(r.hints.join('\n')).toContain(`fields['ref'] = { normalize: 'decimal' }`);
    expect(r.hints.join('\n')).not.toContain('normalize: Number');
  });
  test("the offered rule keeps long ids apart and never equates null or '' with 0", () => {
    const rule = compileFieldRule('compareEvents', 'ref', { normalize: 'decimal' });
    // normalize: Number would equate these: both round to the same double.
    expect(Number('12345678901234567891') === Number('12345678901234567890')).toBe(true);
    expect(rule.equals('12345678901234567891', '12345678901234567890')).toBe(false);
    expect(rule.equals(null, 0)).toBe(false);
    expect(rule.equals('', 0)).toBe(false);
    expect(rule.equals('', '0')).toBe(false);
    expect(rule.equals(7, '7.0')).toBe(true);
    expect(rule.equals('007', 7n)).toBe(true);
    expect(rule.equals(0.1, '0.10')).toBe(true);
    expect(rule.equals(1e21, '1000000000000000000000')).toBe(true);
    expect(rule.equals(-0, '0')).toBe(true);
    expect(rule.equals(NaN, 'NaN')).toBe(false);
  });
});

describe('the whole-hours shape names only time values', () => {
  test('passes over a byte count moving by 3,600,000: a constant offset, not a time-zone bug', () => {
    const { legacy, shadow } = rows([[10_800_000, 14_400_000], [7_200_000, 10_800_000]]);
    const r = compareEvents(legacy, shadow, { key: 'id' });
    expect(field(r, 'v').shape).toMatchObject({ kind: 'constant-offset', value: 3_600_000 });
    expect(r.hints.join('\n')).not.toMatch(/time-zone/);
  });
  test('fails with the whole-hours shape on a time field shifted by an hour', () => {
    const { legacy, shadow } = rows([[10_800_000, 14_400_000], [7_200_000, 10_800_000]]);
    const r = compareEvents(legacy, shadow, { key: 'id', fields: { v: { time: '1s' } } });
    expect(field(r, 'v').shape).toMatchObject({ kind: 'whole-hours', value: 3_600_000 });
    expect(r.hints.join('\n')).toMatch(/time-zone bug/);
  });
});

describe('a CSV column inferred with a different type in each file', () => {
  // As loadDataset returns CSV rows: the inferred column types on a non-enumerable property.
  const typed = <T extends object>(rows: T[], columnTypes: Record<string, string>) =>
    Object.defineProperty(rows, 'columnTypes', { value: columnTypes, enumerable: false });
  const legacy = typed([{ id: '1', price: 1.5 }, { id: '2', price: 2 }], { id: 'string', price: 'number' });
  // One 'NaN' cell made the shadow column strings.
  const shadow = typed([{ id: '1', price: '1.5' }, { id: '2', price: 'NaN' }], { id: 'string', price: 'string' });
  test('fails saying the column type differs between the files and that declaring columns fixes it', () => {
    const r = compareEvents(legacy, shadow, { key: 'id' });
    expect(field(r, 'price').columnTypes).toEqual({ legacy: 'number', shadow: 'string' });
    expect(r.reasons.find((x) => x.code === 'COLUMN_TYPE_DIFFERS')?.message).toMatchInlineSnapshot(`"column price was read as number from the legacy file but as string from the shadow file (type inference differs between the files: one cell that is not a number makes the whole column string); declare it with loadDataset(path, { columns: { 'price': 'number' } }) for both files"`);
    expect(r.hints).toMatchInlineSnapshot(`
      [
        "price was inferred as number in the legacy file but string in the shadow file: declare columns: { 'price': 'number' } when loading both (a cell that is not a number then fails with its file and line; list placeholders such as 'NaN' in nullValues)",
      ]
    `);
  });
  test('says nothing of column types when the inputs carry none or they agree', () => {
    const plain = compareEvents([...legacy], [...shadow], { key: 'id' });
    expect(plain.reasons.some((x) => x.code === 'COLUMN_TYPE_DIFFERS')).toBe(false);
    const same = compareEvents(legacy, typed([...shadow], { id: 'string', price: 'number' }), { key: 'id' });
    expect(same.reasons.some((x) => x.code === 'COLUMN_TYPE_DIFFERS')).toBe(false);
  });
});

describe('a CSV column inferred with a different type in each file, through loadDataset', () => {
  test('fails naming the column type difference and the columns fix, and passes the check once declared', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { loadDataset } = await import('../../src/index.js');
    const dir = mkdtempSync(join(tmpdir(), 'shadow-csv-'));
    writeFileSync(join(dir, 'legacy.csv'), 'id,price\n1,1.5\n2,2\n');
    writeFileSync(join(dir, 'shadow.csv'), 'id,price\n1,1.5\n2,NaN\n'); // one NaN cell: the column reads as strings
    const legacy = await loadDataset(join(dir, 'legacy.csv'));
    const shadow = await loadDataset(join(dir, 'shadow.csv'));
    expect(Object.keys(legacy[0])).toEqual(['id', 'price']);
    const r = compareEvents(legacy, shadow, { key: 'id' });
    expect(r.fields.find((f) => f.field === 'price')).toMatchObject({ mismatches: 2, columnTypes: { legacy: 'number', shadow: 'string' } });
    expect(r.reasons.map((x) => x.code)).toContain('COLUMN_TYPE_DIFFERS');
    // Declared, with the placeholder as null: the types agree and only the real difference remains.
    const opts = { columns: { price: 'number' as const }, nullValues: ['', 'NaN'] };
    const r2 = compareEvents(await loadDataset(join(dir, 'legacy.csv'), opts), await loadDataset(join(dir, 'shadow.csv'), opts), { key: 'id' });
    expect(r2.reasons.map((x) => x.code)).not.toContain('COLUMN_TYPE_DIFFERS');
    expect(r2.fields.find((f) => f.field === 'price')).toMatchObject({ mismatches: 1, examples: [{ key: 2, legacy: 2, shadow: null }] });
  });
});

describe('shapes of mismatches without a numeric delta', () => {
  test('names no shape when strings a time rule cannot read differ (never an empty "mixed:")', () => {
    const r = compareEvents([{ id: 1, ts: '03/10/2024' }], [{ id: 1, ts: '2024-03-10' }], { key: 'id', fields: { ts: { time: '1s' } } });
    expect(field(r, 'ts').shape).toBeUndefined();
  });
});

describe('BigInts (loadDataset reads a 64-bit integer past 2^53 as one)', () => {
  const P = 9007199254740993n; // 2^53 + 1: no double holds it
  test('defaults.number applies to a BigInt field, on the exact difference', () => {
    const { legacy, shadow } = rows([[P, P + 2n], [P, P + 3n], [5, 6]]);
    const r = compareEvents(legacy, shadow, { key: 'id', defaults: { number: { abs: 2 } } });
    expect(field(r, 'v')).toMatchObject({ rule: 'abs 2', mismatches: 1 });
    expect(field(r, 'v').examples.map((e) => e.key)).toEqual([1]);
  });
  test('a row without a key holding a BigInt is listed as an example, not a crash', () => {
    const r = compareEvents([{ id: null, v: P }, { id: 1, v: 1 }], [{ id: 1, v: 1 }], { key: 'id', maxMissingKeyRows: 0 });
    expect(r.examples.missingKey).toEqual([{ side: 'legacy', field: 'id', row: { id: null, v: P } }]);
    expect(r.verdict).toBe('fail');
  });
});

describe('a key no row holds', () => {
  test('is a hint naming the nearest field: a typo is likelier than data without keys', () => {
    const rows = [{ id: 'a', price: 1 }, { id: 'b', price: 2 }];
    const r = compareEvents(rows, rows, { key: 'idd' });
    expect(r.hints).toContain("no row holds key idd; did you mean key: 'id'?");
    // One keyless row among keyed ones is no typo: no such hint.
    const one = compareEvents([...rows, { price: 3 }], rows, { key: 'id', maxMissingKeyRows: 0 });
    expect(one.hints.filter((h) => h.startsWith('no row holds key'))).toEqual([]);
  });
});
