/**
 * defineShadowSuite declared in this very file: its describes and tests run in this run (one event
 * type per describe, one test per tier). The data are tiny files with no fault, so every tier passes;
 * the failing and erroring paths run in the nightly e2e (npm run test:e2e), which needs a child run.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { defineShadowSuite } from '../../matchers/suite.js';
import { ShadowOptionError } from '../../src/errors.js';
import { compareEvents } from '../../src/events/compareEvents.js';
import { makeEvents } from '../_helpers/events.js';

const dir = mkdtempSync(join(tmpdir(), 'suite-'));
const rows = makeEvents(300, 4).map(({ geo, tags, ...e }) => ({ ...e, score: e.price / 100 }));
writeFileSync(join(dir, 'events.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n'));
writeFileSync(join(dir, 'click.jsonl'), rows.filter((r) => r.type === 'click').map((r) => JSON.stringify(r)).join('\n'));
// The click events again, as part files of a pipeline's output (out/click/part-*.jsonl).
const clickRows = rows.filter((r) => r.type === 'click');
mkdirSync(join(dir, 'parts'));
writeFileSync(join(dir, 'parts', 'part-1.jsonl'), clickRows.slice(0, 40).map((r) => JSON.stringify(r)).join('\n'));
writeFileSync(join(dir, 'parts', 'part-2.jsonl'), clickRows.slice(40).map((r) => JSON.stringify(r)).join('\n'));

defineShadowSuite({
  name: 'in-process suite',
  eventTypes: ['click', 'save'],
  legacy: join(dir, 'events.jsonl'),
  shadow: (type) => (type === 'click' ? join(dir, 'click.jsonl') : join(dir, 'events.jsonl')),
  events: { key: 'id' },
  sequences: { entity: 'user', orderBy: 'ts', id: 'id' },
  models: { score: { check: 'agreement', key: 'id', value: 'type', minAgreement: 0.9 } },
  overrides: { save: { events: { minMatchRate: 0.999 } } },
  legacyReplay: join(dir, 'events.jsonl'),
});

// The events tier in DuckDB: one file per side given per event type, engine asked for.
defineShadowSuite({
  name: 'duckdb suite',
  eventTypes: ['click'],
  legacy: () => join(dir, 'click.jsonl'),
  shadow: () => join(dir, 'click.jsonl'),
  events: { key: 'id' },
  engine: 'duckdb',
});

// The events tier in DuckDB on a glob of part files per event type (it needed one file per side).
defineShadowSuite({
  name: 'duckdb glob suite',
  eventTypes: ['click'],
  legacy: () => join(dir, 'parts', 'part-*.jsonl'),
  shadow: () => join(dir, 'click.jsonl'),
  events: { key: 'id' },
  engine: 'duckdb',
});

// The events tier in DuckDB on files shared by the event types (split on type): every type in one
// compareEventFiles run with by. It ran in memory, loading the shared files whole, however large.
const sharedShadow = rows.map((r) => (r.type === 'click' ? { ...r, price: r.price + 0.001 } : r));
writeFileSync(join(dir, 'events-shadow.jsonl'), sharedShadow.map((r) => JSON.stringify(r)).join('\n'));
const sharedEvents = { key: 'id', fields: { price: { abs: 0.01 } } };
defineShadowSuite({
  name: 'duckdb shared suite',
  eventTypes: ['click', 'save'],
  legacy: join(dir, 'events.jsonl'),
  shadow: join(dir, 'events-shadow.jsonl'),
  events: sharedEvents,
  overrides: { save: { events: { minMatchRate: 0.999, label: 'saves' } } },
  engine: 'duckdb',
});

// The same on CSV files shared by the types, in memory and in DuckDB: a column is typed over the
// whole file (v is text in the shadow file, for one save row), so click's v compares as text too.
const csvOf = (rs: readonly { id: string; type: string; price: number }[], odd: boolean) => ['id,type,v', ...rs.map((r, i) => `${r.id},${r.type},${odd && i === 1 ? 'n/a' : r.price}`)].join('\n') + '\n';
writeFileSync(join(dir, 'events-l.csv'), csvOf(rows, false));
writeFileSync(join(dir, 'events-s.csv'), csvOf(rows, true));
// And a glob of CSV parts, one table as loadDataset reads it: v is text over the parts (n/a in the
// second), though the first part alone holds only numbers.
mkdirSync(join(dir, 'csv-parts'));
writeFileSync(join(dir, 'csv-parts', 'part-1.csv'), csvOf(rows.slice(0, 150), false));
writeFileSync(join(dir, 'csv-parts', 'part-2.csv'), csvOf(rows.slice(150), true));
for (const engine of ['memory', 'duckdb'] as const) {
  defineShadowSuite({ name: `${engine} csv shared suite`, eventTypes: ['click', 'save'], legacy: join(dir, 'events-l.csv'), shadow: join(dir, 'events-s.csv'), events: { key: 'id', minMatchRate: 0 }, engine });
  defineShadowSuite({ name: `${engine} csv glob suite`, eventTypes: ['click', 'save'], legacy: join(dir, 'csv-parts', 'part-*.csv'), shadow: join(dir, 'events-l.csv'), events: { key: 'id', minMatchRate: 0 }, engine });
}

// Sampling: whole users, the same on both sides, about 50 of click's 100 rows.
defineShadowSuite({
  name: 'sampled suite',
  eventTypes: ['click'],
  legacy: join(dir, 'events.jsonl'),
  shadow: join(dir, 'events.jsonl'),
  events: { key: 'id' },
  sequences: { entity: 'user', orderBy: 'ts', id: 'id' },
  sample: { maxRows: 50, entity: 'user', seed: 3 },
});

describe('defineShadowSuite options', () => {
  const base = { eventTypes: ['a'], legacy: 'l.jsonl', shadow: 's.jsonl', events: { key: 'id' } } as const;
  test('throws a ShadowOptionError naming a bad option, at declaration', () => {
    expect(() => defineShadowSuite({ ...base, eventTypes: [] })).toThrowErrorMatchingInlineSnapshot(
      `[ShadowOptionError: defineShadowSuite: eventTypes must be a non-empty array of event type names, got an array of length 0]`,
    );
    expect(() => defineShadowSuite({ ...base, evnts: {} } as never)).toThrowErrorMatchingInlineSnapshot(
      `[ShadowOptionError: defineShadowSuite: unknown option 'evnts'; did you mean 'events'?]`,
    );
    expect(() => defineShadowSuite({ ...base, overrides: { zzz: {} } })).toThrowErrorMatchingInlineSnapshot(
      `[ShadowOptionError: defineShadowSuite: overrides.zzz names no event type of eventTypes]`,
    );
    expect(() => defineShadowSuite({ ...base, events: false })).toThrow(/nothing to check/);
    expect(() => defineShadowSuite({ ...base, sample: { maxRows: 0, entity: 'u' } })).toThrow(/sample\.maxRows must be an integer >= 1, got 0/);
    expect(() => defineShadowSuite({ ...base, models: { m: { check: 'auc' } as never } })).toThrow(ShadowOptionError);
  });
});

describe('what the suite tests recorded on task.meta (read from this file\'s finished tasks)', () => {
  interface Node { name: string; type: string; tasks?: Node[]; meta: Record<string, any>; result?: { state?: string } }
  const find = (root: Node, path: string[]): Node | undefined => {
    let at: Node | undefined = root;
    for (const name of path) at = at?.tasks?.find((t) => t.name === name);
    return at;
  };

  test('each test records its report and suite record; DuckDB ran where asked; overrides reached the report', ({ task }) => {
    const file = (task as unknown as { file: Node }).file;
    const duck = find(file, ['duckdb suite', 'click', 'events'])!;
    expect(duck.meta.shadowSuite).toMatchObject({ eventType: 'click', tier: 'events', engine: 'duckdb', rows: { legacy: 100, shadow: 100 } });
    const globbed = find(file, ['duckdb glob suite', 'click', 'events'])!;
    expect(globbed.result?.state).toBe('pass');
    expect(globbed.meta.shadowSuite).toMatchObject({ eventType: 'click', tier: 'events', engine: 'duckdb', rows: { legacy: 100, shadow: 100 } });
    const save = find(file, ['in-process suite', 'save', 'events'])!;
    expect(save.meta.shadowSuite).toMatchObject({ eventType: 'save', tier: 'events', engine: 'memory', rows: { legacy: 100, shadow: 100 } });
    expect(save.meta.shadowReports[0].report.thresholds.minMatchRate).toBe(0.999);
    expect(find(file, ['in-process suite', 'click', 'events'])!.meta.shadowReports[0].report.thresholds.minMatchRate).toBe(1);
    expect(find(file, ['in-process suite', 'click', 'legacy replay'])!.meta.shadowSuite.tier).toBe('replay');
    expect(find(file, ['in-process suite', 'click', 'outputs: score'])!.meta.shadowSuite.tier).toBe('outputs:score');
    const sampled = find(file, ['sampled suite', 'click', 'events'])!.meta;
    expect(sampled.shadowSuite.sample).toMatchObject({ seed: 3, entity: 'user', maxRows: 50, fraction: 0.5, rows: { legacy: 100, shadow: 100 } });
    expect(sampled.shadowReports[0].report.sample).toEqual(sampled.shadowSuite.sample);
    expect(sampled.shadowSuite.rows.legacy).toBe(sampled.shadowSuite.sample.sampled.legacy);
    expect(find(file, ['sampled suite', 'click', 'sequences'])!.meta.shadowSuite.rows).toEqual(sampled.shadowSuite.rows); // one sample shared by the tiers
    // Shared files in DuckDB: each type's report is compareEvents' on that type's rows, its overrides and label included.
    for (const type of ['click', 'save']) {
      const t = find(file, ['duckdb shared suite', type, 'events'])!;
      expect(t.result?.state).toBe('pass');
      expect(t.meta.shadowSuite).toMatchObject({ eventType: type, tier: 'events', engine: 'duckdb', rows: { legacy: 100, shadow: 100 } });
      const mem = compareEvents(rows.filter((r) => r.type === type), sharedShadow.filter((r) => r.type === type), { ...sharedEvents, label: type, ...(type === 'save' ? { minMatchRate: 0.999, label: 'saves' } : {}) });
      const got = t.meta.shadowReports[0].report;
      const view = (r: Record<string, any>) => ({ verdict: r.verdict, label: r.label, counts: r.counts, thresholds: r.thresholds, reasons: r.reasons.map((x: { code: string }) => x.code), fields: r.fields.map((f: { field: string; mismatches: number; presence: unknown }) => [f.field, f.mismatches, f.presence]) });
      expect(view(got)).toEqual(view(mem));
    }
    expect(find(file, ['duckdb shared suite', 'click', 'events'])!.meta.shadowReports[0].report.fields.find((f: { field: string }) => f.field === 'price').delta.n).toBe(100);
    // CSV shared by the types: DuckDB's run gives each type memory's report, the whole file's column types included.
    expect(rows[1].type).toBe('save');
    for (const type of ['click', 'save']) {
      const [m, d] = (['memory', 'duckdb'] as const).map((e) => find(file, [`${e} csv shared suite`, type, 'events'])!.meta);
      expect([m.shadowSuite.engine, d.shadowSuite.engine]).toEqual(['memory', 'duckdb']);
      const view = (r: Record<string, any>) => ({ verdict: r.verdict, counts: r.counts, reasons: r.reasons.map((x: { code: string; subject: string }) => `${x.code} ${x.subject}`).sort(), fields: r.fields.map((f: { field: string; mismatches: number; columnTypes?: unknown }) => [f.field, f.mismatches, f.columnTypes]) });
      expect(view(d.shadowReports[0].report)).toEqual(view(m.shadowReports[0].report));
      expect(m.shadowReports[0].report.fields.find((f: { field: string }) => f.field === 'v').columnTypes).toEqual({ legacy: 'number', shadow: 'string' });
      const [gm, gd] = (['memory', 'duckdb'] as const).map((e) => find(file, [`${e} csv glob suite`, type, 'events'])!.meta);
      expect([gm.shadowSuite.engine, gd.shadowSuite.engine]).toEqual(['memory', 'duckdb']);
      expect(view(gd.shadowReports[0].report)).toEqual(view(gm.shadowReports[0].report));
      expect(gm.shadowReports[0].report.fields.find((f: { field: string }) => f.field === 'v')).toMatchObject({ columnTypes: { legacy: 'string', shadow: 'number' } });
    }
    const seq = find(file, ['in-process suite', 'click', 'sequences'])!.meta.shadowSuite;
    expect(seq.plots.sequenceLengths.legacy.reduce((a: number, b: number) => a + b, 0)).toBe(new Set(rows.filter((r) => r.type === 'click').map((r) => r.user)).size);
  });
});
