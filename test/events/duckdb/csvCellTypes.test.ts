/**
 * CSV cells typed as loadDataset types them: DuckDB's parser reads `007`, ` 12`, `NaN`, `inf`,
 * `1.` as numbers and `t`, `yes` as booleans, where loadDataset keeps them text (a number is
 * written as one, a boolean is `true` or `false`). compareEventFiles took DuckDB's types, so an id
 * `007` joined `7` and a `yes` equalled `true` (false passes). Ground truth is injected; the
 * in-memory engine on loadDataset of the same files gives the same report.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { compareEventFiles } from '../../../src/duckdb/index.js';
import { compareEvents } from '../../../src/events/compareEvents.js';
import { loadDataset } from '../../../src/dataset/loadDataset.js';
import { comparable } from './_differential.js';

const dir = mkdtempSync(join(tmpdir(), 'shadow-csvcells-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const csv = (text: string) => {
  const f = join(dir, `f${n++}.csv`);
  writeFileSync(f, text);
  return f;
};

async function both(legacy: string, shadow: string, options: Parameters<typeof compareEventFiles>[2]) {
  const files = await compareEventFiles(legacy, shadow, options);
  const memory = compareEvents(await loadDataset(legacy), await loadDataset(shadow), options);
  expect(comparable(files)).toEqual(comparable(memory));
  return files;
}

describe('compareEventFiles: CSV cells typed as loadDataset types them', () => {
  // [name, legacy column cells, shadow column cells, mismatching rows of the 2]: one text cell
  // makes its whole column text, so a text column against a number column differs on every row.
  const cases: [string, [string, string], [string, string], number][] = [
    ['yes/no against true/false', ['yes', 'no'], ['true', 'false'], 2],
    ['t/f against true/false', ['t', 'f'], ['true', 'false'], 2],
    ["' 12' against 12", [' 12', '3'], ['12', '3'], 2],
    ['NaN against nan', ['NaN', '3'], ['nan', '3'], 1],
    ['inf against Infinity', ['inf', '3'], ['Infinity', '3'], 1],
    ['1. against 1', ['1.', '3'], ['1', '3'], 2],
    ['007 against 7', ['007', '3'], ['7', '3'], 2],
    ['TRUE/False against true/false (booleans in any case)', ['TRUE', 'False'], ['true', 'false'], 0],
    ['1e400 and .5 against Infinity-free numbers (numbers as written)', ['1e400', '.5'], ['1e400', '0.5'], 0],
    // DuckDB's sniffer takes +5 for text; Number('+5') is 5.
    ['+5/+.5 against 5/0.5 (a leading plus is a number)', ['+5', '+.5'], ['5', '0.5'], 0],
    ['+5/x against 5/x (one text cell: text)', ['+5', 'x'], ['5', 'x'], 1],
  ];
  test.each(cases)('%s', async (_, l, s, mismatches) => {
    const r = await both(csv(`id,v\n1,${l[0]}\n2,${l[1]}\n`), csv(`id,v\n1,${s[0]}\n2,${s[1]}\n`), { key: 'id', minMatchRate: 0 });
    expect(r.fields.find((f) => f.field === 'v')!.mismatches).toBe(mismatches);
  });

  test('an id 007 past the sample (row 22,000) turns the column to text: 007 no longer joins 7, nor do 1..n their text', async () => {
    const rows = (first: (i: number) => string) => ['id,v', ...Array.from({ length: 25_000 }, (_, i) => `${first(i)},${i % 7}`)].join('\n') + '\n';
    const legacy = csv(rows((i) => (i === 22_000 ? '022000' : String(i))));
    const shadow = csv(rows((i) => String(i)));
    const r = await both(legacy, shadow, { key: 'id', minMatchRate: 0, maxMissingRate: 1, maxExtraRate: 1 });
    // Legacy ids are text (one cell is not a number), shadow ids numbers: no key joins.
    expect(r.counts).toMatchObject({ matched: 0, missing: 25_000, extra: 25_000 });
  });

  test('+5-style numbers with a text cell past the sample (row 22,000) are text, as in loadDataset', async () => {
    const rows = (cell: (i: number) => string) => ['id,v', ...Array.from({ length: 25_000 }, (_, i) => `${i},${cell(i)}`)].join('\n') + '\n';
    const plus = csv(rows((i) => (i === 22_000 ? 'n/a' : `+${i % 7}`)));
    const bare = csv(rows((i) => (i === 22_000 ? 'n/a' : `${i % 7}`)));
    const r = await both(plus, bare, { key: 'id', minMatchRate: 0 });
    // Text on both sides: '+3' against '3' on every row but the n/a one.
    expect(r.fields.find((f) => f.field === 'v')!.mismatches).toBe(24_999);
    const numbers = await both(csv(rows((i) => `+${i % 7}`)), csv(rows((i) => `${i % 7}`)), { key: 'id' });
    expect(numbers.verdict).toBe('pass');
  });

  test('a value past the sample that is no number keeps every other column as typed', async () => {
    const rows = (v: (i: number) => string) => ['id,v,w', ...Array.from({ length: 25_000 }, (_, i) => `${i},${v(i)},${i * 0.5}`)].join('\n') + '\n';
    const r = await both(csv(rows((i) => (i === 24_000 ? ' 5' : String(i % 9)))), csv(rows((i) => (i === 24_000 ? '5' : String(i % 9)))), { key: 'id', fields: { w: { abs: 0.1 } }, minMatchRate: 0 });
    expect(r.fields.find((f) => f.field === 'v')!.mismatches).toBe(25_000);
    expect(r.fields.find((f) => f.field === 'w')).toMatchObject({ mismatches: 0, rule: 'abs 0.1' });
  });
});

/**
 * A CSV header naming two columns that differ only in case (`num,NUM`): DuckDB's names are
 * case-insensitive, so its reader renamed the second `NUM_1`, and the report named a field the
 * file does not have (`NUM_1`, in the schema and the groups, no FIELD_NAME_COLLISION under
 * ignoreFieldCase). loadDataset reads the fields num and NUM. Ground truth: the cells written.
 */
describe('CSV header names that differ only in case', () => {
  // Rows 1-4; NUM differs on rows 2 and 4, num never; row 5 of the legacy has no id.
  const legacy = csv('id,num,NUM\n1,1,10\n2,2,20\n3,3,30\n4,4,40\n,5,50\n');
  const shadow = csv('id,num,NUM\n1,1,10\n2,2,21\n3,3,30\n4,4,41\n');
  test.each([false, true])('fields named as the header names them, as in memory (ignoreFieldCase %s)', async (ignoreFieldCase) => {
    const r = await both(legacy, shadow, { key: 'id', ignoreFieldCase, maxMissingKeyRows: 1 });
    expect(r.fields.map((f) => [f.field, f.mismatches])).toEqual([['NUM', 2], ['num', 0]]);
    expect(r.groups.map((g) => g.fields)).toEqual([['NUM']]);
    expect(r.examples.missingKey).toEqual([{ side: 'legacy', field: 'id', row: { id: null, num: 5, NUM: 50 } }]);
    expect(r.reasons.some((x) => x.code === 'FIELD_NAME_COLLISION')).toBe(ignoreFieldCase);
  });

  test('a rule for the renamed column applies to it', async () => {
    // 4 of the legacy's 5 rows match (the fifth has no id).
    const r = await both(legacy, shadow, { key: 'id', fields: { NUM: { abs: 1 } }, maxMissingKeyRows: 1, minMatchRate: 0.8 });
    expect(r.fields.find((f) => f.field === 'NUM')).toMatchObject({ rule: 'abs 1', mismatches: 0 });
    expect(r.verdict).toBe('pass');
  });
});
