import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadDataset } from '../../src/dataset/loadDataset.js';
import { compareEvents } from '../../src/events/compareEvents.js';
import { compareSequences } from '../../src/sequences/compareSequences.js';
import { compareAgreement } from '../../src/outputs/compareAgreement.js';
import { renderReport } from '../../src/report/renderReport.js';
import { ShadowOptionError } from '../../src/errors.js';
import { keyFigures } from '../../src/groups/keyFigures.js';
import { clone, makeEvents, pickIndices } from '../_helpers/events.js';
import { thrownMessage } from '../_helpers/stripAnsi.js';

/** 300 events, types click/save/search in rotation (100 each); search events carry a query field. */
function data(seed = 7) {
  const legacy = makeEvents(300, seed).map((e) => (e.type === 'search' ? { ...e, query: `q${e.id}` } : e));
  return { legacy, shadow: clone(legacy) };
}
const ofType = (rows: { type: string }[], t: string) => rows.map((r, i) => [r, i] as const).filter(([r]) => r.type === t).map(([, i]) => i);

describe('compareEvents with by', () => {
  test('fails only the group holding the injected faults, with its own counts', () => {
    const { legacy, shadow } = data();
    const search = ofType(legacy, 'search');
    const faulty = pickIndices(search.length, 4, 11).map((k) => search[k]);
    for (const i of faulty) shadow[i].price += 1;
    const r = compareEvents(legacy, shadow, { key: 'id', by: 'type' });
    expect(r.kind).toBe('grouped');
    expect(r.groups.map((g) => [g.group, g.verdict, g.rows.legacy, g.rows.shadow])).toEqual([
      ['click', 'pass', 100, 100],
      ['save', 'pass', 100, 100],
      ['search', 'fail', 100, 100],
    ]);
    expect(r.verdict).toBe('fail');
    const s = r.groups[2].report;
    expect(s.counts.equal).toBe(96);
    expect(s.fields.find((f) => f.field === 'price')?.mismatches).toBe(4);
    expect(s.label).toBe('search');
    expect(r.reasons[0]).toMatchObject({ code: 'GROUP_FAILED', subject: 'type = search' });
  });

  test('passes when a group override tolerates its faults and the others are clean', () => {
    const { legacy, shadow } = data();
    const search = ofType(legacy, 'search');
    for (const i of pickIndices(search.length, 3, 5).map((k) => search[k])) shadow[i].price += 1;
    const r = compareEvents(legacy, shadow, { key: 'id', by: 'type', overrides: { search: { minMatchRate: 0.97 } } });
    expect(r.verdict).toBe('pass');
    expect(r.groups[2].overridden).toEqual(['minMatchRate']);
    expect(r.groups[2].report.thresholds.minMatchRate).toBe(0.97);
    expect(r.groups[0].report.thresholds.minMatchRate).toBe(1);
  });

  test('fails when the same override is set on a clean group and the faulty one keeps the strict default', () => {
    const { legacy, shadow } = data();
    const search = ofType(legacy, 'search');
    for (const i of pickIndices(search.length, 3, 5).map((k) => search[k])) shadow[i].price += 1;
    const r = compareEvents(legacy, shadow, { key: 'id', by: 'type', overrides: { click: { minMatchRate: 0.97 } } });
    expect(r.verdict).toBe('fail');
  });

  test('breaks missing and extra down by group and names the group when all missing are of one type', () => {
    const { legacy, shadow } = data();
    const clicks = ofType(legacy, 'click');
    const drop = new Set(pickIndices(clicks.length, 6, 3).map((k) => clicks[k]));
    const kept = shadow.filter((_, i) => !drop.has(i));
    kept.push({ ...shadow[1], id: 'x1' }, { ...shadow[2], id: 'x2' }); // save and search extras
    const r = compareEvents(legacy, kept, { key: 'id', by: 'type' });
    expect(r.unmatched).toEqual([
      { group: 'click', missing: 6, extra: 0 },
      { group: 'save', missing: 0, extra: 1 },
      { group: 'search', missing: 0, extra: 1 },
    ]);
    expect(r.segments).toEqual([{ of: 'missing', group: 'click', count: 6, share: 1, message: 'all 6 missing events are of type = click' }]);
    expect(r.reasons.find((x) => x.code === 'MISSING_IN_ONE_GROUP')?.message).toBe('all 6 missing events are of type = click');
  });

  test('a rule for a field one group never has is skipped in that group, not an error', () => {
    const { legacy, shadow } = data();
    const r = compareEvents(legacy, shadow, { key: 'id', by: 'type', fields: { query: { normalize: (v: unknown) => String(v).toLowerCase() } } });
    expect(r.verdict).toBe('pass');
    expect(r.groups.map((g) => g.skippedFieldRules)).toEqual([['query'], ['query'], []]);
    // without by, the same rule on click events alone is the usual error
    const clicks = legacy.filter((e) => e.type === 'click');
    expect(compareEvents(clicks, clone(clicks), { key: 'id', fields: { query: { abs: 0 } } }).reasons[0].code).toBe('DECLARED_FIELD_ABSENT');
  });

  test('fails when a rule names a field no group has, suggesting the nearest', () => {
    const { legacy, shadow } = data();
    const r = compareEvents(legacy, shadow, { key: 'id', by: 'type', fields: { prise: { abs: 0.01 } } });
    expect(r.verdict).toBe('fail');
    expect(r.reasons[0].message).toMatchInlineSnapshot(`"fields.prise has a rule but no event of any group has the field; did you mean 'price'?"`);
  });

  test('fails when an override names a group with no rows', () => {
    const { legacy, shadow } = data();
    const r = compareEvents(legacy, shadow, { key: 'id', by: 'type', overrides: { serch: { minMatchRate: 0.9 } } });
    expect(r.verdict).toBe('fail');
    expect(r.reasons[0].message).toMatchInlineSnapshot(`"overrides.serch names a group with no rows on either side; did you mean 'search'?"`);
  });

  test('fails a group present on one side only', () => {
    const { legacy, shadow } = data();
    const r = compareEvents(legacy, shadow.filter((e) => e.type !== 'save'), { key: 'id', by: 'type' });
    expect(r.groups.map((g) => g.verdict)).toEqual(['pass', 'fail', 'pass']);
    expect(r.groups[1].rows).toEqual({ legacy: 100, shadow: 0 });
  });

  test('groups by a function, rows without a group fall in (none)', () => {
    const { legacy, shadow } = data();
    delete (legacy[0] as Record<string, unknown>).type;
    delete (shadow[0] as Record<string, unknown>).type;
    const r = compareEvents(legacy, shadow, { key: 'id', by: (row) => row.type });
    expect(r.by).toBe('a function');
    expect(r.groups.map((g) => [g.group, g.rows.legacy])).toEqual([['(none)', 1], ['click', 99], ['save', 100], ['search', 100]]);
  });

  test("a group's report says where a CSV column was read as another type on each side, as the report without groups does", async () => {
    // legacy's n is a number column; one cell of the shadow's (in group b) makes its whole column text.
    const dir = mkdtempSync(join(tmpdir(), 'shadow-by-types-'));
    try {
      writeFileSync(join(dir, 'l.csv'), 'id,type,n\n1,a,1\n2,b,2\n');
      writeFileSync(join(dir, 's.csv'), 'id,type,n\n1,a,1\n2,b,n/a\n');
      const [l, s] = [await loadDataset(join(dir, 'l.csv')), await loadDataset(join(dir, 's.csv'))];
      const whole = compareEvents(l, s, { key: 'id' });
      expect(whole.fields.find((f) => f.field === 'n')!.columnTypes).toEqual({ legacy: 'number', shadow: 'string' });
      const r = compareEvents(l, s, { key: 'id', by: 'type' });
      for (const g of r.groups) {
        expect(g.report.fields.find((f) => f.field === 'n')!.columnTypes).toEqual({ legacy: 'number', shadow: 'string' });
        expect(g.report.reasons.map((x) => `${x.code} ${x.subject}`)).toContain('COLUMN_TYPE_DIFFERS n');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('empty input never passes', () => {
    const r = compareEvents([], [], { key: 'id', by: 'type' });
    expect(r.verdict).toBe('fail');
    expect(r.reasons[0].code).toBe('NO_GROUPS');
  });

  test('bad by and bad overrides throw, naming the option', () => {
    const { legacy, shadow } = data();
    expect(() => compareEvents(legacy, shadow, { key: 'id', by: '' })).toThrow(ShadowOptionError);
    expect(() => compareEvents(legacy, shadow, { key: 'id', by: 'type', overrides: { search: 1 as never } })).toThrowErrorMatchingInlineSnapshot(
      `[ShadowOptionError: compareEvents: overrides.search must be an object of options for group 'search', got 1]`,
    );
    expect(() => compareEvents(legacy, shadow, { key: 'id', by: 'type', overrides: { search: { minMatchRate: 2 } } })).toThrow(/overrides\.search: .*minMatchRate/);
  });

  test('renders a per-group table, then the failing group', () => {
    const { legacy, shadow } = data();
    const search = ofType(legacy, 'search');
    for (const i of [search[3], search[40]]) shadow[i].price += 1;
    const text = renderReport(compareEvents(legacy, shadow, { key: 'id', by: 'type', overrides: { save: { minMatchRate: 0.99 } } }));
    const [head, , ...rest] = text.split('\n');
    expect(head).toMatchInlineSnapshot(`"Grouped events check fails: 1 of 3 groups by type fail (search)."`);
    expect(rest.slice(0, 5).join('\n')).toMatchInlineSnapshot(`
      "  group   verdict  legacy  shadow  missing / extra  key figures                                            overrides
        click   pass        100     100  0 / 0            matchRate 100.00%, missingRate 0.00%, extraRate 0.00%
        save    pass        100     100  0 / 0            matchRate 100.00%, missingRate 0.00%, extraRate 0.00%  minMatchRate
        search  fail        100     100  0 / 0            matchRate 98.00%, missingRate 0.00%, extraRate 0.00%
      "
    `);
    expect(text).toContain('── type = search ──');
    expect(text).toContain('[search] Shadow does not approximately match legacy');
  });

  test('key figures of the grouped and the group reports', () => {
    const { legacy, shadow } = data();
    shadow[2].price += 1; // index 2 is a search event
    const r = compareEvents(legacy, shadow, { key: 'id', by: 'type' });
    expect(keyFigures(r)).toEqual({ groups: 3, failingGroups: 1 });
    expect(keyFigures(r.groups[2].report)).toMatchObject({ matchRate: 0.99, missingRate: 0, extraRate: 0 });
  });
});

describe('other tiers with by', () => {
  test('compareSequences: one sequence report per group', () => {
    const { legacy, shadow } = data();
    const search = ofType(legacy, 'search');
    // swap the timestamps of two search events of the same user: a reordering inside one group
    const [a, b] = search.filter((i) => legacy[i].user === legacy[search[0]].user).slice(0, 2);
    [shadow[a].ts, shadow[b].ts] = [shadow[b].ts, shadow[a].ts];
    const r = compareSequences(legacy, shadow, { entity: 'user', orderBy: 'ts', id: 'id', by: 'type', fields: { ts: 'ignore' } });
    expect(r.groups.map((g) => [g.group, g.verdict])).toEqual([['click', 'pass'], ['save', 'pass'], ['search', 'fail']]);
    expect(r.groups[2].report.counts.differing).toBe(1);
  });

  test('compareAgreement: per-group predictions keyed by row', () => {
    const rows = makeEvents(900, 3).map((e, i) => ({ id: e.id, type: e.type, label: i % 5 === 0 ? 'yes' : 'no' }));
    // every 4th save prediction flips: 25% disagreement in save, none elsewhere
    let k = 0;
    const flipped = rows.map((r) => (r.type === 'save' && k++ % 4 === 0 ? { ...r, label: r.label === 'yes' ? 'no' : 'yes' } : r));
    const r = compareAgreement(rows, flipped, { key: 'id', value: 'label', minAgreement: 0.9, by: 'type' });
    expect(r.groups.map((g) => [g.group, g.verdict])).toEqual([['click', 'pass'], ['save', 'fail'], ['search', 'pass']]);
    expect(r.groups[1].report.agree).toBe(225);
  });
});

describe('.toApproximatelyMatch with by', () => {
  test('passes when every group passes under its own thresholds', () => {
    const { legacy, shadow } = data();
    shadow[2].price += 1; // a search event: 99% in search
    expect(shadow).toApproximatelyMatch(legacy, { key: 'id', by: 'type', overrides: { search: { minMatchRate: 0.99 } } });
  });

  test('fails with the per-group table when a group fails', () => {
    const { legacy, shadow } = data();
    shadow[2].price += 1;
    const message = thrownMessage(() => expect(shadow).toApproximatelyMatch(legacy, { key: 'id', by: 'type' }));
    expect(message.split('\n').slice(0, 3).join('\n')).toMatchInlineSnapshot(`
      "expect(shadow).toApproximatelyMatch(legacy, options)

      Grouped events check fails: 1 of 3 groups by type fail (search)."
    `);
    expect(message).toContain('── type = search ──');
  });
});
